using System.Globalization;

namespace Monitoring.Api.Infrastructure;

/// <summary>Messages in Vietnamese when the caller asks for <c>vi</c> (Accept-Language), else English.</summary>
public static class Localized
{
    public static bool Vietnamese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "vi";

    public static string Text(string english, string vietnamese) => Vietnamese ? vietnamese : english;
}
