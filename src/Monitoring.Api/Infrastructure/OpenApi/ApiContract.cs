using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monitoring.Domain.Reporting;
using Wolverine.Http;

namespace Monitoring.Api.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI document as the whole contract, for people and for generated clients (NSwag, Kiota): a bearer scheme
/// required by every operation that needs a token; operation ids that read as method names; enums and value types as
/// described strings; nullable fields not required; the headers the service reads (<c>Accept-Language</c>,
/// <c>If-Match</c>, <c>Idempotency-Key</c>) and answers (<c>Retry-After</c>, <c>ETag</c>, <c>Location</c>); no server
/// address taken from whichever host served the document. Error answers come from <see cref="StandardResponses"/>.
/// </summary>
public static class ApiContract
{
    public const string BearerScheme = "Bearer";

    /// <summary>A reporting period as units write it (<see cref="ReportingPeriod"/>): a half-year, a year or a span of years.</summary>
    public const string PeriodPattern = @"^\d{4}(-H[12]|-\d{4})?$";

    public static IServiceCollection AddMonitoringOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // A value written as a plain JSON value (a period as "2023-H1") is described where it is used, not as a component:
            // generators would make a class of it.
            options.CreateSchemaReferenceId = type =>
                type.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.None && !(Nullable.GetUnderlyingType(type.Type) ?? type.Type).IsEnum
                    ? null
                    : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, _) => await DescribeAsync(operation, context));
            options.AddSchemaTransformer((schema, context, _) =>
            {
                Describe(schema, context);
                return Task.CompletedTask;
            });
        });

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Resolutions"] = "Resolutions (Nghị quyết, Kết luận, Chương trình hành động), their overview and import",
        ["Targets"] = "Quantitative targets (chỉ tiêu): definition, assignment, baseline, adjustments, status, timeline, revisions",
        ["Tasks"] = "Tasks (nhiệm vụ): definition, assignment, completion, suspension, deadlines",
        ["Units"] = "Implementing units",
        ["Reports"] = "Progress reports submitted by units, and each unit's submissions per period",
        ["Submissions"] = "The reporting cycle per unit, resolution and period: draft, submit, approve or return, lock and lock exceptions",
        ["Reviews"] = "Mid-term and final reviews (sơ kết, tổng kết) and the committee's conclusions",
        ["Audit"] = "History, the audit feed and its export, and verification of the hash chain",
    };

    private static readonly Dictionary<string, string> ProblemDescriptions = new()
    {
        ["400"] = "The request is invalid: `errors` names each field (`figures[0].value`) or query parameter.",
        ["401"] = "No valid bearer token.",
        ["403"] = "The token's role may not do this, or the data belongs to another unit.",
        ["404"] = "Something named by id (in the route or the body) does not exist.",
        ["409"] = "The stream is not at the expected version (`version` or `If-Match`), or the thing already exists.",
        ["413"] = "The body is larger than the service accepts.",
        ["415"] = "The body or the uploaded file is not of a type the operation reads.",
        ["422"] = "The `Idempotency-Key` was already used with another body.",
        ["429"] = "Too many requests from this client: wait `Retry-After` seconds.",
    };

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "Monitoring API";
        document.Info.Description =
            "Monitoring of the province's resolutions: targets, tasks, units, progress reports, reviews and the audit trail. " +
            "Every operation needs a bearer token (JWT) whose `role` claim is secretariat, reporter (with a `unit` claim), " +
            "committee or auditor. Errors are RFC 9457 problems (`application/problem+json`), in Vietnamese with `Accept-Language: vi`.";
        // The document describes the API wherever it runs: no address of the host that happened to serve it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with `name`, `role` and, for reporters, `unit` claims.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                tag.Description = description;
        foreach (var schema in document.Components.Schemas?.Values ?? [])
            if (schema is OpenApiSchema component) MarkComputedPropertiesReadOnly(component);
        foreach (var schema in document.Components.Schemas?.Values ?? [])
            if (schema is OpenApiSchema { Required.Count: > 0, Properties: { } properties } concrete)
                // A field that may be null may also be left out: the serializer fills it with null.
                foreach (var (name, property) in properties)
                    if (IsNullable(property)) concrete.Required.Remove(name);
        document.Components.Schemas?.Remove("IResult");
        document.Components.Schemas?.Remove(nameof(Stream));
    }

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var chain = (context.Description.ActionDescriptor as WolverineActionDescriptor)?.Chain;

        if (chain is not null)
        {
            // Wolverine's generated description is the route in disguise (POST_api_reports): not worth showing.
            if (operation.Description == chain.ToString()) operation.Description = null;
            operation.OperationId = OperationIds.For(chain);
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            ];
            var roles = await RolesAsync(metadata, context.ApplicationServices);
            if (roles.Count > 0) operation.Description = Join(operation.Description, $"Roles: {string.Join(", ", roles)}.");
        }

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            DescribeQueryParameter(parameter);

        operation.Parameters.Add(Header("Accept-Language", "The language of error messages: `vi` for Vietnamese, else English.", example: "vi"));
        var ifMatch = chain is not null && TakesIfMatch(chain);
        if (ifMatch)
            operation.Parameters.Add(Header("If-Match",
                "The stream version the write expects (`\"3\"`); the same as `version` in the body. A stale version is answered with 409.",
                example: "\"3\""));
        if (metadata.OfType<AcceptsIdempotencyKeyAttribute>().Any())
        {
            var key = Header(Http.Idempotency.Header,
                "Any unique text (a UUID): a retry by the same caller with the same key and body gets the first answer and appends nothing; " +
                "the same key with another body is answered with 422.",
                example: "6f1c2a7e-8d4b-4b8e-9a55-2f0c1d9b7e31");
            var schema = (OpenApiSchema)key.Schema!;
            schema.MinLength = 1;
            schema.MaxLength = Http.Idempotency.MaxKeyLength;
            schema.Pattern = "^[!-~]+$";
            operation.Parameters.Add(key);
        }

        // A body the endpoint reads itself (a multipart upload) is described by the endpoint's own metadata.
        if (metadata.OfType<IRequestBodyDescription>().FirstOrDefault() is { } body) operation.RequestBody = body.RequestBody();

        if (operation.Responses is null) return;
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            // Downloads (.docx, CSV) are bytes with their media type: generated clients hand back a file, not a parsed body.
            foreach (var media in concrete.Content?.Values ?? [])
                if (media.Schema is OpenApiSchemaReference { Reference.Id: nameof(Stream) })
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            if (ProblemDescriptions.TryGetValue(status, out var meaning)) concrete.Description = meaning;
            if (status == "429")
                AddHeader(concrete, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
            if (status == "201")
                AddHeader(concrete, "Location", "Where the created resource (or its status) is read.", JsonSchemaType.String);
            if (ifMatch && status.StartsWith('2'))
                AddHeader(concrete, "ETag", "The stream's version after the write (`\"4\"`), for the next `If-Match`.", JsonSchemaType.String);
        }
    }

    /// <summary>The roles the endpoint's policies admit, read from the policies themselves.</summary>
    private static async Task<List<string>> RolesAsync(IEnumerable<object> metadata, IServiceProvider services)
    {
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var roles = new List<string>();
        foreach (var name in metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct())
            if (await provider.GetPolicyAsync(name) is { } policy)
                roles.AddRange(policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                    .SelectMany(r => r.AllowedRoles));
        return roles.Distinct().ToList();
    }

    /// <summary>A write to an existing stream that reads its expected version from <c>version</c> or <c>If-Match</c>.</summary>
    private static bool TakesIfMatch(HttpChain chain) =>
        chain.HttpMethods.Contains("POST") && chain.RoutePattern?.Parameters.Count > 0 &&
        chain.RequestType?.GetProperty("Version") is { } version && version.PropertyType == typeof(long?);

    private static void DescribeQueryParameter(OpenApiParameter parameter)
    {
        if (parameter.In != ParameterLocation.Query || parameter.Schema is not OpenApiSchema schema) return;
        switch (parameter.Name)
        {
            case "asOf":
                parameter.Description ??= "Answer with what was known then: a date (end of that day in Vietnam) or a timestamp.";
                parameter.Example = "2023-06-30";
                break;
            case "knownAt":
                parameter.Description ??= "What had been recorded by then (default now): a date (end of that day in Vietnam) or a timestamp. "
                    + "`asOf` is its older name; give one of them.";
                parameter.Example = "2023-07-31";
                break;
            case "cutOff":
                parameter.Description ??= "What the figures are about: periods begun and figures dated on or before this day (yyyy-MM-dd, not after today); "
                    + "judging's day. Default: the knownAt day when given, else today.";
                schema.Format = "date";
                parameter.Example = "2023-06-30";
                break;
            case "includeSubmitted":
                parameter.Description ??= "Also count figures submitted and not yet approved, each marked as such (default false: approved figures only).";
                break;
            case "from" or "to":
                parameter.Description ??= "A date or a timestamp.";
                parameter.Example = "2023-01-01";
                break;
            case "period":
                DescribePeriod(schema);
                break;
            case "format":
                parameter.Description ??= "csv or json (the default).";
                schema.Enum = [JsonValue.Create("csv"), JsonValue.Create("json")];
                break;
        }
    }

    private static OpenApiParameter Header(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Example = JsonValue.Create(example),
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    private static void Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;

        // A scalar the service reads and writes with a converter of its own (bounded numbers and dates) is described by its
        // type, as it would be without the converter: a schema-less field makes generators use object.
        if (schema.Type is null && Scalars.TryGetValue(underlying, out var scalar))
        {
            schema.Type = scalar.Type | (underlying != type ? JsonSchemaType.Null : 0);
            schema.Format = scalar.Format;
            if (underlying == typeof(decimal))
            {
                var bound = Http.InputBounds.MaxMagnitude.ToString(System.Globalization.CultureInfo.InvariantCulture);
                schema.Minimum = "-" + bound;
                schema.Maximum = bound;
            }
            else if (underlying == typeof(DateOnly))
                schema.Description ??= Http.InputBounds.DateFormatEnglish;
        }

        if (context.JsonPropertyInfo?.AttributeProvider?.IsDefined(typeof(WriteOnlyAttribute), inherit: false) == true)
            schema.WriteOnly = true;

        // Enums travel as their names (JsonStringEnumConverter); say so, or clients send integers.
        if (underlying.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String | (schema.Type ?? 0) & JsonSchemaType.Null;
            // The shared component is the enum itself; where a property may be null it says so beside the reference.
            if (!schema.Type.Value.HasFlag(JsonSchemaType.Null))
                schema.Enum = schema.Enum.Where(value => value is not null).ToList();
        }

        // A computed property (no setter) is answered but never read from a request. Its schema may still become a shared
        // component, so the property is marked read-only once the document is assembled (see Describe(document)).
        if (context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object &&
            context.JsonTypeInfo.Properties.Where(p => p.Set is null).Select(p => p.Name).ToList() is { Count: > 0 } computed)
        {
            schema.Metadata ??= new Dictionary<string, object>();
            schema.Metadata[ComputedProperties] = computed;
        }

        if (underlying == typeof(ReportingPeriod) || (underlying == typeof(string) && context.JsonPropertyInfo?.Name == "period"))
            DescribePeriod(schema);
    }

    private static readonly Dictionary<Type, (JsonSchemaType Type, string Format)> Scalars = new()
    {
        [typeof(decimal)] = (JsonSchemaType.Number, "decimal"),
        [typeof(double)] = (JsonSchemaType.Number, "double"),
        [typeof(int)] = (JsonSchemaType.Integer, "int32"),
        [typeof(long)] = (JsonSchemaType.Integer, "int64"),
        [typeof(DateOnly)] = (JsonSchemaType.String, "date"),
        [typeof(DateTimeOffset)] = (JsonSchemaType.String, "date-time"),
        [typeof(Guid)] = (JsonSchemaType.String, "uuid"),
    };

    private const string ComputedProperties = "monitoring:computed-properties";

    private static void MarkComputedPropertiesReadOnly(OpenApiSchema schema)
    {
        if (schema.Metadata?.TryGetValue(ComputedProperties, out var names) != true || schema.Properties is not { } properties) return;
        foreach (var name in (List<string>)names!)
            if (properties.TryGetValue(name, out var property))
                properties[name] = property is OpenApiSchema inline
                    ? ReadOnly(inline)
                    // Beside a shared component, not on it: the same schema is writable where another type uses it.
                    : new OpenApiSchema { AllOf = [property], ReadOnly = true };
    }

    private static OpenApiSchema ReadOnly(OpenApiSchema schema)
    {
        schema.ReadOnly = true;
        return schema;
    }

    private static void DescribePeriod(OpenApiSchema schema)
    {
        schema.Type = JsonSchemaType.String | (schema.Type ?? 0) & JsonSchemaType.Null;
        schema.Pattern = PeriodPattern;
        schema.Examples = [JsonValue.Create("2023-H1")];
        schema.Description ??= "A reporting period: a half-year (2023-H1, 2023-H2), a year (2023) or a span of years (2021-2023).";
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type ?? 0).HasFlag(JsonSchemaType.Null) ||
        (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s.Type == JsonSchemaType.Null);

    private static string Join(string? first, string second) => string.IsNullOrWhiteSpace(first) ? second : first + "\n\n" + second;
}
