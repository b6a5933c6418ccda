using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.OpenApi;

/// <summary>
/// The served document, read as a client generator reads it: the classes of problems that broke NSwag and Kiota clients
/// are checked over every operation and schema, not endpoint by endpoint.
/// </summary>
public class OpenApiDocumentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Writes = ["post", "put", "patch", "delete"];

    private async Task<JsonObject> DocumentAsync(string host = "localhost")
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.WithRequestHeader("Host", host);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    /// <summary>Every schema object in the document, however deeply nested.</summary>
    private static IEnumerable<(string Where, JsonObject Schema)> Schemas(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.ContainsKey("type") || o.ContainsKey("enum") || o.ContainsKey("properties")) yield return (where, o);
                foreach (var (key, child) in o)
                foreach (var found in Schemas(child, $"{where}/{key}"))
                    yield return found;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                foreach (var found in Schemas(a[i], $"{where}/{i}"))
                    yield return found;
                break;
        }
    }

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToArray(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static JsonObject Component(JsonObject document, string name) => document["components"]!["schemas"]![name]!.AsObject();

    private static IEnumerable<JsonObject> HeaderParameters(JsonObject operation) =>
        (operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).Where(p => (string?)p["in"] == "header");

    [Fact]
    public async Task Every_endpoint_is_an_operation_with_the_bearer_scheme_and_a_method_name_for_its_id()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");
        ((string?)scheme["bearerFormat"]).ShouldBe("JWT");

        var operations = Operations(document).ToList();
        var endpoints = app.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Count(e => e.Metadata.GetMetadata<Wolverine.Http.HttpChain>() is not null);
        operations.Count.ShouldBe(endpoints);

        foreach (var (path, method, operation) in operations)
        {
            var security = operation["security"]?.AsArray();
            security.ShouldNotBeNull($"{method} {path} has no security");
            security.ShouldContain(s => s!.AsObject().ContainsKey("Bearer"), $"{method} {path}");
            ((string?)operation["operationId"] ?? "").ShouldMatch("^[A-Z][a-z]+([A-Z][a-z]+)+$", $"{method} {path}");
            ((string?)operation["summary"]).ShouldNotBeNullOrWhiteSpace($"{method} {path}");
        }
        operations.Select(o => (string?)o.Operation["operationId"]).ShouldBeUnique();
        string[] expected =
        [
            "SubmitReport", "DefineTarget", "DefineResolution", "RegisterUnit", "AssignTarget", "GetTargetStatus", "GetTargetTimeline",
            "ReviseFigure", "ListAuditEntries", "ExportAudit", "DownloadReviewDocument", "ListUnits", "GetUnit", "CompleteTask", "VerifyAuditChain",
        ];
        foreach (var id in expected) operations.ShouldContain(o => (string?)o.Operation["operationId"] == id, id);
    }

    [Fact]
    public async Task Every_operation_declares_its_real_success_answer_and_no_IResult()
    {
        var document = await DocumentAsync();
        document.ToJsonString().ShouldNotContain("IResult");
        foreach (var (path, method, operation) in Operations(document))
        {
            var success = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')).ToList();
            success.ShouldNotBeEmpty($"{method} {path}");
            foreach (var (status, response) in success)
                response!["content"].ShouldNotBeNull($"{method} {path} {status} has no body");
            if (success.Any(r => r.Key == "201"))
                success.Where(r => r.Key == "200").ShouldAllBe(r => r.Value!["content"]!.ToJsonString() == operation["responses"]!["201"]!["content"]!.ToJsonString(),
                    $"{method} {path}: a 200 beside the 201 that is not the same answer");
        }
        var units = document["paths"]!["/api/units"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        ((string?)units["$ref"]).ShouldBe("#/components/schemas/PageOfUnit");
    }

    [Fact]
    public async Task Every_error_answer_is_a_problem_and_each_operation_lists_the_ones_it_can_give()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                response!["content"]!.AsObject().Select(c => c.Key).ShouldBe(["application/problem+json"], $"{method} {path} {status}");
            var statuses = responses.Select(r => r.Key).ToList();
            statuses.ShouldContain("400", $"{method} {path}");
            statuses.ShouldContain("401", $"{method} {path}");
            statuses.ShouldContain("403", $"{method} {path}");
            statuses.ShouldContain("429", $"{method} {path}");
            responses["429"]!["headers"]!["Retry-After"].ShouldNotBeNull($"{method} {path}");
            ((string?)responses["400"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]).ShouldBe("#/components/schemas/HttpValidationProblemDetails");
            if (path.Contains('{')) statuses.ShouldContain("404", $"{method} {path}");
            if (Writes.Contains(method))
            {
                statuses.ShouldContain("409", $"{method} {path}");
                statuses.ShouldContain("413", $"{method} {path}");
            }
            HeaderParameters(operation).ShouldContain(p => (string?)p["name"] == "Accept-Language", $"{method} {path}");
        }

        var submit = document["paths"]!["/api/reports"]!["post"]!.AsObject();
        HeaderParameters(submit).ShouldContain(p => (string?)p["name"] == "Idempotency-Key");
        submit["responses"]!["422"].ShouldNotBeNull();
        var revise = document["paths"]!["/api/targets/{id}/figures/{figureId}/revisions"]!["post"]!.AsObject();
        HeaderParameters(revise).ShouldContain(p => (string?)p["name"] == "If-Match");
        revise["responses"]!["201"]!["headers"]!["ETag"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Enums_are_strings_numbers_are_numbers_and_a_field_that_may_be_null_is_not_required()
    {
        var document = await DocumentAsync();
        foreach (var (where, schema) in Schemas(document, "#"))
        {
            var types = Types(schema);
            if (schema["enum"] is JsonArray values)
            {
                types.ShouldContain("string", where);
                values.Where(v => v is not null).ShouldAllBe(v => v!.GetValueKind() == System.Text.Json.JsonValueKind.String, where);
            }
            if (types.Contains("number") || types.Contains("integer"))
            {
                types.ShouldNotContain("string", $"{where}: a number that may be sent as text");
                schema.ContainsKey("pattern").ShouldBeFalse(where);
            }
            if (schema["properties"] is JsonObject fields)
                foreach (var (name, field) in fields)
                    field!.AsObject().Select(k => k.Key).ShouldContain(k => k == "type" || k == "$ref" || k == "allOf" || k == "oneOf" || k == "anyOf",
                        $"{where}: {name} has no type (generators make it an object)");
            if (schema["required"] is JsonArray required && schema["properties"] is JsonObject properties)
                foreach (var name in required.Select(r => (string)r!))
                {
                    var property = properties[name]!.AsObject();
                    var nullable = Types(property).Contains("null") ||
                                   (property["oneOf"]?.AsArray() ?? []).Any(s => Types(s!.AsObject()).Contains("null"));
                    nullable.ShouldBeFalse($"{where}: {name} may be null but is required");
                }
        }

        var stage = Component(document, "FigureStage");
        Types(stage).ShouldBe(["string"]);
        stage["enum"]!.AsArray().Select(v => (string)v!).ShouldBe(["Estimate", "Preliminary", "Official"]);

        // Figures are decimals inside the bounds the service reads; dates are dates.
        var figure = Component(document, "FigureInput")["properties"]!;
        Types(figure["value"]!.AsObject()).ShouldBe(["null", "number"], ignoreOrder: true);
        ((string?)figure["value"]!["format"]).ShouldBe("decimal");
        figure["value"]!["maximum"]!.GetValue<decimal>().ShouldBe(Monitoring.Api.Infrastructure.Http.InputBounds.MaxMagnitude);
        ((string?)figure["asOf"]!["format"]).ShouldBe("date");

        var submit = Component(document, "SubmitReport");
        (submit["required"]?.AsArray().Select(r => (string)r!) ?? []).ShouldNotContain("unitId");
        ((string?)submit["properties"]!["unitId"]!["description"] ?? "").ShouldContain("secretariat");
        ((bool?)submit["properties"]!["unitId"]!["writeOnly"]).ShouldBe(true);
        var period = submit["properties"]!["period"]!.AsObject();
        Types(period).ShouldBe(["string"]);
        var pattern = new Regex((string)period["pattern"]!);
        foreach (var good in new[] { "2023-H1", "2023-H2", "2023", "2021-2023" }) pattern.IsMatch(good).ShouldBeTrue(good);
        foreach (var bad in new[] { "2023-H3", "23", "2023-2" }) pattern.IsMatch(bad).ShouldBeFalse(bad);
        period["examples"].ShouldNotBeNull();
        // Computed properties are answered, never read: read-only where they are, and the schemas they use stay writable.
        var definition = Component(document, "TargetDefinition")["properties"]!;
        ((bool?)definition["effectiveDirection"]!["readOnly"]).ShouldBe(true);
        ((bool?)definition["goal"]!["readOnly"]).ShouldBe(true);
        document["components"]!["schemas"]!.AsObject().ShouldAllBe(c => c.Value!["readOnly"] == null);

        // A stored report's period (a value type of its own) is the same described string, inline: no class for clients to make of it.
        document["components"]!["schemas"]!["ReportingPeriod"].ShouldBeNull();
        var stored = Component(document, "ProgressReport")["properties"]!["period"]!.AsObject();
        Types(stored).ShouldBe(["string"]);
        ((string?)stored["pattern"]).ShouldBe((string)period["pattern"]!);
    }

    [Fact]
    public async Task A_number_sent_as_text_is_refused_and_enums_come_back_as_names()
    {
        var resolution = new Dictionary<string, object>
        {
            ["number"] = "96-KL/TU", ["kind"] = "Conclusion", ["issuingBody"] = "Tỉnh ủy", ["issueDate"] = "2021-10-20",
            ["periodStartYear"] = "2021", ["periodEndYear"] = 2025, ["title"] = "Kết luận",
        };
        await app.RefusedAsync(() => app.PostAsync("/api/resolutions", resolution, 400));
        resolution["periodStartYear"] = 2021;
        var id = (await app.PostAsync("/api/resolutions", resolution, 201)).GetProperty("id").GetGuid();
        (await app.GetAsync($"/api/resolutions/{id}")).GetProperty("kind").GetString().ShouldBe("Conclusion");
    }

    [Fact]
    public async Task Downloads_are_bytes_with_their_media_types_and_no_server_address_comes_from_the_request()
    {
        var document = await DocumentAsync(host: "reverse-proxy.internal:8443");
        document.ToJsonString().ShouldNotContain("reverse-proxy.internal");
        (document["servers"]?.AsArray() ?? []).ShouldAllBe(s => !((string)s!["url"]!).Contains("://"));

        var docx = document["paths"]!["/api/resolutions/{id}/reviews/{reviewId}/document"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        docx.Select(c => c.Key).ShouldBe(["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]);
        var export = document["paths"]!["/api/audit/export"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        export.Select(c => c.Key).ShouldContain("text/csv");
        // The spreadsheets (issue 16): one media type each, bytes.
        var xlsx = new[] { "/api/resolutions/{id}/targets.xlsx", "/api/resolutions/{id}/reviews/{reviewId}/table.xlsx", "/api/reporting/completeness.xlsx",
                "/api/audit/export.xlsx" }
            .Select(path => document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject()).ToList();
        foreach (var content in xlsx) content.Select(c => c.Key).ShouldBe(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]);
        foreach (var (_, media) in docx.Concat(export).Concat(xlsx.SelectMany(c => c)))
        {
            Types(media!["schema"]!.AsObject()).ShouldBe(["string"]);
            ((string?)media["schema"]!["format"]).ShouldBe("binary");
        }
    }
}
