using System.Globalization;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>The pages (Razor Pages under <c>Web/</c>): Vietnamese by default, signed in by cookie, reading through the API.</summary>
public static class WebSetup
{
    public const string LanguageCookie = "monitoring.lang";

    public static IServiceCollection AddMonitoringWeb(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Web";
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Error");
            pages.Conventions.AllowAnonymousToPage("/Language");
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "monitoring.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        // Vietnamese letters are written as themselves (UTF-8), not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoders =>
            encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddExceptionHandler<PageErrorHandling>();
        services.AddHttpContextAccessor();
        services.AddSingleton<ApiPipeline>();
        services.AddScoped<InProcessApi>();
        return services;
    }

    /// <summary>
    /// The API reads the language from Accept-Language (English unless <c>vi</c> is asked for); the pages speak Vietnamese
    /// unless the reader chose English (the language cookie).
    /// </summary>
    public static void UseLanguages(this WebApplication app)
    {
        app.UseWhen(context => WebSignIn.IsApi(context.Request), api => api.UseRequestLocalization());
        app.UseWhen(context => !WebSignIn.IsApi(context.Request), pages => pages.Use(async (context, next) =>
        {
            var culture = CultureInfo.GetCultureInfo(context.Request.Cookies[LanguageCookie] == "en" ? "en" : "vi");
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            context.Response.Headers.ContentLanguage = culture.TwoLetterISOLanguageName;
            await next(context);
        }));
    }

    /// <summary>A refusal or an unknown page answers with the pages' own error page, not a JSON problem.</summary>
    public static void UsePageErrors(this WebApplication app) =>
        app.UseWhen(context => !WebSignIn.IsApi(context.Request) && !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
}
