using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web;

public sealed class SignOutModel(IOptions<AuthOptions> auth) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSignIn.CookieScheme);
        if (WebSignIn.UsesProvider(auth.Value))
            return SignOut(new AuthenticationProperties { RedirectUri = "/" }, WebSignIn.ProviderScheme);
        return LocalRedirect(WebSignIn.SignInPath);
    }
}
