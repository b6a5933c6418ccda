using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Hardening;

/// <summary>
/// What careless callers send, swept across every write endpoint and every query parameter the running app exposes:
/// each answer is a 400 naming the field or parameter, never a 500, and nothing is appended.
/// </summary>
public class InputSweepTests(InputSweepTests.World world, ITestOutputHelper output) : IClassFixture<InputSweepTests.World>
{
    public sealed class World : SampleWorld;

    private const string MaxDecimal = "79228162514264337593543950335";

    /// <summary>Every leaf of a JSON body with its path as a client names it (<c>figures[0].value</c>).</summary>
    private static IEnumerable<(string Path, JsonNode Leaf)> Leaves(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                    if (child is not null)
                        foreach (var leaf in Leaves(child, path.Length == 0 ? name : $"{path}.{name}")) yield return leaf;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is { } child)
                        foreach (var leaf in Leaves(child, $"{path}[{i}]")) yield return leaf;
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    /// <summary>The body with the leaf at <paramref name="path"/> replaced by <paramref name="value"/> (raw JSON).</summary>
    private static string Replace(JsonNode body, string path, string value)
    {
        var copy = body.DeepClone();
        var leaf = Leaves(copy).Single(l => l.Path == path).Leaf;
        var parent = leaf.Parent!;
        var replacement = JsonNode.Parse(value);
        if (parent is JsonObject o) o[leaf.GetPropertyName()] = replacement;
        else ((JsonArray)parent)[leaf.GetElementIndex()] = replacement;
        return copy.ToJsonString();
    }

    private async Task<(int Status, JsonElement Body)> PostRawAsync(string template, string json, string? token = null)
    {
        var before = await world.EventCountAsync();
        var result = await world.Host.Scenario(s =>
        {
            if (world.MethodOf(template) == "PUT") s.Put.Text(json).ToUrl(world.Url(template));
            else s.Post.Text(json).ToUrl(world.Url(template));
            s.WithRequestHeader("Content-Type", "application/json");
            s.Authorized(token ?? world.AllowedToken(template));
            s.IgnoreStatusCode();
        });
        var status = result.Context.Response.StatusCode;
        var text = await result.ReadAsTextAsync();
        if (status >= 400) (await world.EventCountAsync()).ShouldBe(before, $"POST {template} {json} answered {status} but appended");
        return (status, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task ShouldBeRefusedNaming(string template, string json, string field)
    {
        var (status, problem) = await PostRawAsync(template, json);
        status.ShouldBe(400, $"POST {template} {json}: {problem}");
        problem.ValueKind.ShouldBe(JsonValueKind.Object);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field, $"POST {template} {json}: {problem}");
    }

    /// <summary>The write endpoints that read a JSON body (an upload's multipart body has its own tests: Excel/ReportFormRefusalTests).</summary>
    private IEnumerable<string> Writes() => world.Endpoints().Where(e => SampleWorld.IsWrite(e.Method)).Select(e => e.Template).Distinct()
        .Where(world.TakesJson).OrderBy(t => t);

    [Fact]
    public async Task A_null_or_empty_body_is_a_400_naming_the_body()
    {
        foreach (var template in Writes())
        {
            await ShouldBeRefusedNaming(template, "null", "body");
            await ShouldBeRefusedNaming(template, "[]", "body");
            await ShouldBeRefusedNaming(template, "\"text\"", "body");
        }
    }

    /// <summary>
    /// Every leaf of every write endpoint's sample body that <paramref name="applies"/>, replaced in turn by each of the
    /// raw JSON values <paramref name="values"/> makes of it: each must be a 400 naming that leaf. How many were sent.
    /// </summary>
    private async Task<int> SweepLeavesAsync(Func<JsonNode, bool> applies, Func<JsonNode, IEnumerable<string>> values)
    {
        var swept = 0;
        foreach (var template in Writes())
        {
            var body = JsonSerializer.SerializeToNode(world.Body(template))!;
            foreach (var (path, leaf) in Leaves(body).Where(l => applies(l.Leaf)).ToList())
                foreach (var value in values(leaf))
                {
                    await ShouldBeRefusedNaming(template, Replace(body, path, value), path);
                    swept++;
                }
        }
        return swept;
    }

    private static bool IsText(JsonNode leaf) => leaf.GetValueKind() == JsonValueKind.String;

    [Fact]
    public async Task A_NUL_character_in_any_string_is_a_400_naming_the_field()
    {
        var swept = await SweepLeavesAsync(IsText, leaf => [JsonSerializer.Serialize(leaf.GetValue<string>() + "\u0000")]);
        output.WriteLine($"{swept} strings swept");
        swept.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task Dates_at_the_ends_of_the_range_are_a_400_naming_the_field()
    {
        var swept = await SweepLeavesAsync(leaf => IsText(leaf) && DateOnly.TryParseExact(leaf.GetValue<string>(), "yyyy-MM-dd", out _),
            _ => ["\"0001-01-01\"", "\"9999-12-31\""]);
        swept.ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public async Task Numbers_at_the_edges_of_decimal_are_a_400_naming_the_field()
    {
        var swept = await SweepLeavesAsync(leaf => leaf.GetValueKind() == JsonValueKind.Number,
            _ => [MaxDecimal, "-" + MaxDecimal, "1e300", "0.0000000000000000000000000001"]);
        swept.ShouldBeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public async Task Null_members_and_null_list_items_never_cause_a_500()
    {
        foreach (var template in Writes())
        {
            var body = JsonSerializer.SerializeToNode(world.Body(template))!;
            foreach (var (path, _) in Leaves(body).ToList())
            {
                var (status, problem) = await PostRawAsync(template, Replace(body, path, "null"));
                status.ShouldBeLessThan(500, $"POST {template} with {path} = null: {problem}");
            }
            foreach (var (name, value) in body.AsObject().ToList())
            {
                if (value is JsonArray)
                {
                    var copy = body.DeepClone();
                    copy[name] = new JsonArray((JsonNode?)null);
                    await ShouldBeRefusedNaming(template, copy.ToJsonString(), $"{name}[0]");
                }
                else if (value is JsonObject)
                {
                    var copy = body.DeepClone();
                    copy[name] = null;
                    var (status, problem) = await PostRawAsync(template, copy.ToJsonString());
                    status.ShouldBeLessThan(500, $"POST {template} with {name} = null: {problem}");
                }
            }
        }
    }

    [Fact]
    public async Task A_key_given_twice_in_a_JSON_object_is_a_400_naming_it()
    {
        foreach (var template in Writes())
        {
            var json = JsonSerializer.SerializeToNode(world.Body(template))!.ToJsonString();
            var first = JsonSerializer.SerializeToNode(world.Body(template))!.AsObject().First();
            var duplicated = "{" + JsonSerializer.Serialize(first.Key) + ":" + first.Value!.ToJsonString() + "," + json[1..];
            await ShouldBeRefusedNaming(template, duplicated, first.Key);
        }
    }

    private IEnumerable<(string Template, string Parameter, Type Type)> QueryParameters()
    {
        var descriptions = world.Host.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).Where(d => d.HttpMethod == "GET");
        foreach (var d in descriptions)
            foreach (var p in d.ParameterDescriptions.Where(p => p.Source.Id == "Query"))
                yield return ("/" + d.RelativePath!.TrimStart('/'), p.Name, p.Type);
    }

    private static IEnumerable<string> BadValues(string parameter, Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(Guid)) return ["xyz", "12345"];
        if (t == typeof(int) || t == typeof(long)) return ["abc", "1.5", "99999999999999999999999"];
        if (t.IsEnum) return ["bogus"];
        if (t == typeof(bool)) return ["perhaps"];
        if (parameter is "asOf" or "from" or "to" or "knownAt") return ["0001-01-01", "9999-12-31", "yesterday", "2023-02-30"];
        if (parameter is "cutOff") return ["0001-01-01", "2199-12-31", "yesterday", "2023-02-30", "2023-06-30T00:00:00+07:00"];
        if (parameter is "period") return ["2023-H3", "bogus"];
        if (parameter is "format") return ["bogus"];
        if (parameter is "eventType") return ["NoSuchEvent"];
        return [];
    }

    [Fact]
    public async Task Every_query_parameter_with_a_malformed_value_is_a_400_naming_it()
    {
        var parameters = QueryParameters().ToList();
        parameters.Select(p => p.Template).Distinct().Count().ShouldBeGreaterThan(10);
        var swept = 0;
        foreach (var (template, parameter, type) in parameters)
            foreach (var value in BadValues(parameter, type))
            {
                var url = world.Url(template) + "?" + parameter + "=" + Uri.EscapeDataString(value);
                var result = await world.Host.Scenario(s =>
                {
                    s.Get.Url(url);
                    s.Authorized(world.ReaderToken(template));
                    s.IgnoreStatusCode();
                });
                var text = await result.ReadAsTextAsync();
                result.Context.Response.StatusCode.ShouldBe(400, $"GET {url}: {text}");
                JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(parameter, $"GET {url}: {text}");
                swept++;
            }
        output.WriteLine($"{swept} query values swept over {parameters.Count} parameters");
        swept.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task A_query_parameter_the_operation_does_not_define_is_a_400_naming_it()
    {
        foreach (var (_, template, _) in world.Endpoints().Where(e => e.Method == "GET"))
        {
            var url = world.Url(template) + "?colour=red";
            var result = await world.Host.Scenario(s =>
            {
                s.Get.Url(url);
                s.Authorized(world.ReaderToken(template));
                s.IgnoreStatusCode();
            });
            var text = await result.ReadAsTextAsync();
            result.Context.Response.StatusCode.ShouldBe(400, $"GET {url}: {text}");
            JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain("colour");
        }
    }
}

public class InputMessagesTests(InputMessagesTests.World world) : IClassFixture<InputMessagesTests.World>
{
    public sealed class World : SampleWorld;

    private async Task<JsonElement> Refused(string template, string json, string language = "en")
    {
        return await world.RefusedAsync(async () =>
        {
            var result = await world.Host.Scenario(s =>
            {
                s.Post.Text(json).ToUrl(world.Url(template));
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithRequestHeader("Accept-Language", language);
                s.Authorized(world.SecretariatToken);
                s.StatusCodeShouldBe(400);
            });
            return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
        });
    }

    [Fact]
    public async Task Problems_name_fields_as_the_JSON_does_and_say_the_expected_format()
    {
        var missing = await Refused("/api/targets/{id}/figures/{figureId}/revisions", """{"value": 13, "stage": "Preliminary"}""");
        missing.ErrorFields().ShouldBe(["reason"]);

        var nulled = await Refused("/api/resolutions/import", """{"resolution": {"number": "1-NQ/TU", "kind": "Resolution", "issuingBody": "Tỉnh ủy", "issueDate": "2021-01-01", "periodStartYear": 2021, "periodEndYear": 2025, "title": "T"}, "targets": [{"code": "A", "field": null}]}""");
        nulled.ErrorFields().ShouldBe(["targets[0].field"]);

        var empty = await Refused("/api/targets", $$$"""{"resolutionId": "{{{Guid.Empty}}}", "target": {"field": "Kinh tế", "statement": "S", "shape": "LevelAtLeast", "minimum": 1, "unitOfMeasure": "%", "targetYear": 2025}}""");
        empty.ErrorFields().ShouldBe(["resolutionId"]);
        var message = empty.GetProperty("errors").GetProperty("resolutionId")[0].GetString()!;
        message.ShouldContain("resolutionId");
        message.ShouldNotContain("Resolution Id");

        var stage = await Refused("/api/reports", $$$"""{"period": "2023-H1", "figures": [{"targetId": "{{{world.Target}}}", "value": 1, "stage": "Guess"}]}""");
        stage.GetProperty("errors").GetProperty("figures[0].stage")[0].GetString()!.ShouldContain("Estimate, Preliminary, Official");

        var date = await Refused("/api/tasks/{id}/completion", """{"completedOn": "0001-01-01"}""", "vi");
        var text = date.GetProperty("errors").GetProperty("completedOn")[0].GetString()!;
        text.ShouldContain("yyyy-MM-dd");
        text.ShouldNotContain("empty");
    }
}

public class HeaderSweepTests(HeaderSweepTests.World world) : IClassFixture<HeaderSweepTests.World>
{
    public sealed class World : SampleWorld;

    [Theory]
    [InlineData("X-Correlation-Id", "a\u0000b")]
    [InlineData("X-Correlation-Id", "tương-quan")]
    [InlineData("Accept-Language", "vi\u0000")]
    public async Task Odd_header_values_never_cause_a_500(string header, string value)
    {
        var result = await world.Host.Scenario(s =>
        {
            s.Post.Json(new { code = $"HDR-{Guid.NewGuid():N}"[..20], name = "Đơn vị thử tiêu đề", kind = "Department" }).ToUrl("/api/units");
            s.WithRequestHeader(header, value);
            s.Authorized(world.SecretariatToken);
            s.IgnoreStatusCode();
        });
        result.Context.Response.StatusCode.ShouldBeLessThan(500, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task A_route_id_that_is_not_an_id_is_never_a_500()
    {
        foreach (var (method, template, _) in world.Endpoints().Where(e => e.Template.Contains("{id}")))
        {
            var url = world.Url(template.Replace("{id}", "not-an-id"));
            var result = await world.Host.Scenario(s =>
            {
                if (method == "POST") s.Post.Json(world.Body(template)).ToUrl(url);
                else s.Get.Url(url);
                s.Authorized(method == "POST" ? world.AllowedToken(template) : world.Committee);
                s.IgnoreStatusCode();
            });
            result.Context.Response.StatusCode.ShouldBeOneOf([400, 404], $"{method} {url}");
        }
    }
}

public class EnumInputTests(EnumInputTests.World world) : IClassFixture<EnumInputTests.World>
{
    public sealed class World : SampleWorld;

    [Fact]
    public async Task An_enum_sent_as_a_number_is_a_400_listing_the_names()
    {
        var problem = await world.RefusedAsync(() => world.PostAsync("/api/reports",
            new { period = "2023-H1", figures = new[] { new { targetId = world.Target, value = 12m, stage = 1 } } }, 400, token: world.ReporterA));
        problem.GetProperty("errors").GetProperty("figures[0].stage")[0].GetString()!.ShouldContain("Estimate, Preliminary, Official");
    }
}

public class MalformedBodyTests(MalformedBodyTests.World world) : IClassFixture<MalformedBodyTests.World>
{
    public sealed class World : SampleWorld;

    private async Task<(int Status, string Text)> Post(string url, string body, string contentType = "application/json")
    {
        var before = await world.EventCountAsync();
        var result = await world.Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl(url);
            s.WithRequestHeader("Content-Type", contentType);
            s.Authorized(world.ReporterA);
            s.IgnoreStatusCode();
        });
        var status = result.Context.Response.StatusCode;
        if (status >= 400) (await world.EventCountAsync()).ShouldBe(before);
        return (status, await result.ReadAsTextAsync());
    }

    [Theory]
    [InlineData("""{"period": "2023-H1", "figures": {"targetId": "x"}}""", "figures")]
    [InlineData("""{"period": 2023}""", "period")]
    [InlineData("""{"period": "2023-H1", "figures": [{"targetId": "00000000-0000-0000-0000-000000000001", "value": 1, "stage": "Estimate", "expectedVersion": 1e30}]}""", "figures[0].expectedVersion")]
    [InlineData("""{"period": "2023-H1", "figures": [{"targetId": "00000000-0000-0000-0000-000000000001", "value": "12,5", "stage": "Estimate"}]}""", "figures[0].value")]
    [InlineData("""{"period": "2023-H1" """, "body")]
    [InlineData("""{"period": "2023-H1", "narrative": {"results": "a", "results": "b"}}""", "narrative.results")]
    public async Task A_malformed_report_is_a_400_naming_the_field(string body, string field)
    {
        var (status, text) = await Post("/api/reports", body);
        status.ShouldBe(400, text);
        JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field, text);
    }

    [Fact]
    public async Task Deep_nesting_and_other_media_types_are_refused_without_a_500()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var (status, text) = await Post("/api/reports", "{\"period\": \"2023-H1\", \"evidenceReferences\": " + deep + "}");
        status.ShouldBe(400, text);
        (status, text) = await Post("/api/reports", "period=2023-H1", "application/x-www-form-urlencoded");
        status.ShouldBeInRange(400, 415, text);
        (status, text) = await Post("/api/reports", "", "application/json");
        status.ShouldBe(400, text);
    }
}
