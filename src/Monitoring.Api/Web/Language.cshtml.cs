using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web;

/// <summary>The language switch: Vietnamese (the default) or English, kept in a cookie for a year.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet(string? to, string? returnUrl)
    {
        if (to is not ("vi" or "en")) return BadRequest();
        Response.Cookies.Append(WebSetup.LanguageCookie, to, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = Request.IsHttps,
        });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
