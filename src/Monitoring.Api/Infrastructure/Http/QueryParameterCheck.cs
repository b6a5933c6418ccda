using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Query parameters are never silently ignored: before an API endpoint runs, every parameter in the URL must be one the
/// operation declares (the same declaration the OpenAPI document publishes), given once, and readable as its type; else
/// 400 naming the parameter and the expected format. Values whose meaning only the endpoint knows (asOf, period) are
/// checked there.
/// </summary>
public sealed class QueryParameterCheck(RequestDelegate next, IApiDescriptionGroupCollectionProvider api)
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Type>?> _declared = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && route.TrimStart('/').StartsWith("api/", StringComparison.Ordinal)
            && Declared(context.Request.Method, route) is { } declared
            && Check(context.Request.Query, declared) is { } problem)
        {
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private IReadOnlyDictionary<string, Type>? Declared(string method, string route) =>
        _declared.GetOrAdd($"{method} {route.TrimStart('/')}", key =>
        {
            var description = api.ApiDescriptionGroups.Items.SelectMany(g => g.Items)
                .FirstOrDefault(d => $"{d.HttpMethod} {d.RelativePath?.TrimStart('/')}" == key);
            return description?.ParameterDescriptions.Where(p => p.Source.Id == "Query")
                .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Type ?? typeof(string), StringComparer.OrdinalIgnoreCase);
        });

    public static HttpValidationProblemDetails? Check(IQueryCollection query, IReadOnlyDictionary<string, Type> declared)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in query)
        {
            if (!declared.TryGetValue(name, out var type))
            {
                var known = declared.Count == 0 ? Localized.Text("none", "không có") : string.Join(", ", declared.Keys.Order());
                errors[name] = [Localized.Text($"This operation has no parameter '{name}'. Its parameters: {known}.",
                    $"Thao tác không có tham số '{name}'. Các tham số: {known}.")];
            }
            else if (values.Count > 1)
                errors[name] = [Localized.Text("Give this parameter once.", "Tham số này chỉ được nêu một lần.")];
            else if (Problem(values.ToString(), type) is { } message)
                errors[name] = [message];
        }
        return errors.Count == 0 ? null : Problems.InvalidDetails(errors);
    }

    private static string? Problem(string value, Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (value.Any(c => c < ' '))
            return Localized.Text("The value may not contain control characters.", "Giá trị không được chứa ký tự điều khiển.");
        if (type == typeof(Guid) && !Guid.TryParse(value, out _))
            return Localized.Text("Expected an id (UUID) such as 0195f3c2-9c1e-7cc4-a4e6-2f0a4d6f1b2a.", "Cần một mã (UUID), ví dụ 0195f3c2-9c1e-7cc4-a4e6-2f0a4d6f1b2a.");
        if (type == typeof(int) && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            return Localized.Text("Expected a whole number such as 2.", "Cần một số nguyên, ví dụ 2.");
        if (type == typeof(long) && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            return Localized.Text("Expected a whole number (a cursor such as 1234).", "Cần một số nguyên (con trỏ, ví dụ 1234).");
        if (type == typeof(bool) && !bool.TryParse(value, out _))
            return Localized.Text("Expected true or false.", "Cần true hoặc false.");
        if (type == typeof(DateOnly) && !(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && InputBounds.IsPlausible(date)))
            return Localized.Text(InputBounds.DateFormatEnglish, InputBounds.DateFormatVietnamese);
        if (type.IsEnum && (value.Length == 0 || char.IsDigit(value[0]) || value[0] == '-' || !Enum.TryParse(type, value, ignoreCase: true, out _)))
            return Localized.Text($"Expected one of {string.Join(", ", Enum.GetNames(type))}.", $"Cần một trong các giá trị {string.Join(", ", Enum.GetNames(type))}.");
        return null;
    }
}
