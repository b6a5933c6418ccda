using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Monitoring.Api.Infrastructure;

public static class JsonDefaults
{
    /// <summary>
    /// The API's JSON: camelCase, enums as names, Vietnamese text unescaped; numbers are JSON numbers and, like dates,
    /// inside <see cref="Http.InputBounds"/>; a key given twice is refused.
    /// </summary>
    public static readonly JsonSerializerOptions Web = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
            options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        if (!options.Converters.Any(c => c is Http.BoundedDecimalConverter))
        {
            options.Converters.Add(new Http.BoundedDecimalConverter());
            options.Converters.Add(new Http.BoundedDateOnlyConverter());
        }
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowDuplicateProperties = false;
        return options;
    }
}
