using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Json.Schema;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Resolutions;

/// <summary>
/// POST /api/resolutions/drafts: the five seed texts drafted as plain text, JSON and .docx; each draft valid against
/// seeds/resolution-import.schema.json and imported as it is through POST /api/resolutions/import; drafting stores
/// nothing; bad input is a 400 naming the field, 413 or 415, never a 500.
/// </summary>
public class DraftEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Url = "/api/resolutions/drafts";
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SolutionPaths.Root, "seeds", "resolution-import.schema.json")));

    private static IEnumerable<string> SourceTexts() => Directory.GetFiles(Path.Combine(SolutionPaths.Root, "seeds", "sources"), "*.txt").OrderBy(f => f);

    private async Task<(int Status, JsonElement Body)> SendAsync(HttpContent content, string? token = null)
    {
        var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? app.SecretariatToken);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static StringContent Plain(string text) => new(text, Encoding.UTF8, "text/plain");

    private static void ShouldBeValidImport(JsonElement draft, string what)
    {
        var result = Schema.Evaluate(draft, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        result.IsValid.ShouldBeTrue($"{what}: {string.Join("; ", errors)}");
    }

    [Fact]
    public async Task Each_seed_text_drafts_a_document_valid_against_the_schema_that_the_import_takes_and_drafting_stores_nothing()
    {
        var n = 0;
        foreach (var file in SourceTexts())
        {
            var before = await app.EventCountAsync();
            var (status, answer) = await SendAsync(Plain(await File.ReadAllTextAsync(file)));
            status.ShouldBe(200, $"{file}: {answer}");
            (await app.EventCountAsync()).ShouldBe(before, $"{file}: drafting stored something");

            var draft = answer.GetProperty("draft");
            ShouldBeValidImport(draft, file);
            answer.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(5);
            foreach (var item in answer.GetProperty("items").EnumerateArray())
            {
                var confidence = item.GetProperty("confidence").GetDouble();
                confidence.ShouldBeInRange(0, 1);
                item.GetProperty("rule").GetString().ShouldNotBeNullOrWhiteSpace();
                if (item.TryGetProperty("span", out var span))
                {
                    span.GetProperty("start").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
                    span.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
                }
            }

            // The draft is importable as it stands (a new number, so that each import is its own resolution).
            var node = JsonNode.Parse(draft.GetRawText())!;
            node["resolution"]!["number"] = $"DRAFT-TEST-{n++}";
            var imported = await app.PostAsync("/api/resolutions/import", node, 201);
            imported.GetProperty("targets").GetInt32().ShouldBe(draft.GetProperty("targets").GetArrayLength());
            imported.GetProperty("tasks").GetInt32().ShouldBe(draft.GetProperty("tasks").GetArrayLength());
        }
        n.ShouldBe(5);
    }

    [Fact]
    public async Task A_target_carries_its_span_confidence_and_rule_and_the_text_at_that_span_is_its_statement()
    {
        var text = await File.ReadAllTextAsync(SourceTexts().First(f => Path.GetFileName(f).StartsWith("000")));
        var (_, answer) = await SendAsync(Plain(text));
        var draft = answer.GetProperty("draft");
        var poverty = draft.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("statement").GetString()!.Contains("hộ nghèo"));
        poverty.GetProperty("shape").GetString().ShouldBe("LevelAtMost");
        poverty.GetProperty("maximum").GetString().ShouldBe("3");
        poverty.GetProperty("direction").GetString().ShouldBe("Decrease");
        var code = poverty.GetProperty("code").GetString();
        var item = answer.GetProperty("items").EnumerateArray().Single(i => i.TryGetProperty("code", out var c) && c.GetString() == code && i.GetProperty("path").GetString()!.StartsWith("targets"));
        item.GetProperty("rule").GetString().ShouldBe("level-at-most");
        item.GetProperty("confidence").GetDouble().ShouldBeGreaterThan(0.5);
        var span = item.GetProperty("span");
        var normalised = text.Normalize(NormalizationForm.FormC);
        normalised.Substring(span.GetProperty("start").GetInt32(), span.GetProperty("length").GetInt32()).ShouldBe("tỷ lệ hộ nghèo giảm còn dưới 3,0%");
        normalised.Split('\n')[span.GetProperty("line").GetInt32() - 1].ShouldContain("tỷ lệ hộ nghèo giảm còn dưới 3,0%");
        // The sub-target "trong đó" names its parent; the 2020 count is the baseline and a figure of 2020.
        var abroad = draft.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("statement").GetString()!.Contains("285"));
        abroad.GetProperty("parentCode").GetString().ShouldNotBeNullOrEmpty();
        var communes = draft.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("statement").GetString()!.Contains("tất cả các xã"));
        communes.GetProperty("total").GetInt32().ShouldBe(22);
        communes.GetProperty("baseline").GetProperty("value").GetString().ShouldBe("15");
        answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.StartsWith("resolution.number"));
    }

    [Fact]
    public async Task The_same_text_as_JSON_or_as_a_docx_upload_gives_the_same_targets()
    {
        var text = await File.ReadAllTextAsync(SourceTexts().First(f => Path.GetFileName(f).StartsWith("002")));
        var (_, plain) = await SendAsync(Plain(text));
        var (jsonStatus, json) = await SendAsync(JsonContent(new { text }));
        jsonStatus.ShouldBe(200);
        Values(json).ShouldBe(Values(plain));

        var docx = Docx(text);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(docx);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "nghi-quyet.docx");
        var (docxStatus, fromDocx) = await SendAsync(form);
        docxStatus.ShouldBe(200, fromDocx.ToString());
        ShouldBeValidImport(fromDocx.GetProperty("draft"), "docx");
        Values(fromDocx).ShouldBe(Values(plain));
        fromDocx.GetProperty("draft").GetProperty("source").GetProperty("document").GetString().ShouldBe("nghi-quyet.docx");
        // The footnote travels as the document's footnote.
        fromDocx.GetProperty("draft").GetProperty("targets").EnumerateArray().SelectMany(t => t.GetProperty("footnotes").EnumerateArray())
            .Select(f => f.GetString()).ShouldContain("Không bao gồm nhóm sản phẩm: xi măng, thức ăn chăn nuôi, chế biến đá.");

        var raw = new ByteArrayContent(docx);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var (rawStatus, fromRaw) = await SendAsync(raw);
        rawStatus.ShouldBe(200);
        Values(fromRaw).ShouldBe(Values(plain));
    }

    private static List<string> Values(JsonElement answer) =>
        answer.GetProperty("draft").GetProperty("targets").EnumerateArray()
            .Select(t => $"{t.GetProperty("shape").GetString()} {(t.TryGetProperty("minimum", out var m) ? m.GetString() : "")} {t.GetProperty("unitOfMeasure").GetString()} {t.GetProperty("targetYear").GetInt32()}")
            .ToList();

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>The text as a Word document: one paragraph per line, "<sup>n</sup> …" lines as footnotes with their references.</summary>
    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var footnotesPart = main.AddNewPart<FootnotesPart>();
            footnotesPart.Footnotes = new Footnotes();
            var body = new Body();
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                var definition = System.Text.RegularExpressions.Regex.Match(line, @"^<sup>(\d+)</sup>\s*(.*)$");
                if (definition.Success)
                {
                    footnotesPart.Footnotes.Append(new Footnote(new Paragraph(new Run(new Text(definition.Groups[2].Value)))) { Id = long.Parse(definition.Groups[1].Value) });
                    continue;
                }
                var paragraph = new Paragraph();
                var bold = line.StartsWith("**") && line.EndsWith("**");
                var clean = line.Replace("**", "").Replace("\\*", "*").Replace("*", "").TrimStart('#', ' ');
                var parts = System.Text.RegularExpressions.Regex.Split(clean, @"(<sup>\d+</sup>)");
                foreach (var part in parts.Where(p => p.Length > 0))
                {
                    var reference = System.Text.RegularExpressions.Regex.Match(part, @"^<sup>(\d+)</sup>$");
                    var run = reference.Success
                        ? new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = long.Parse(reference.Groups[1].Value) })
                        : new Run(new Text(part) { Space = SpaceProcessingModeValues.Preserve });
                    if (bold && !reference.Success) run.PrependChild(new RunProperties(new Bold()));
                    paragraph.Append(run);
                }
                body.Append(paragraph);
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task A_table_of_targets_in_a_docx_is_read_row_by_row()
    {
        static TableRow Row(params string[] cells) => new(cells.Select(c => new TableCell(new Paragraph(new Run(new Text(c))))));
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new RunProperties(new Bold()), new Text("NGHỊ QUYẾT"))),
                new Paragraph(new Run(new RunProperties(new Bold()), new Text("về phát triển kinh tế - xã hội giai đoạn 2021 - 2025"))),
                new Paragraph(new Run(new Text("II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025"))),
                new Table(Row("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch 2025"),
                    Row("1", "Tốc độ tăng trưởng GRDP bình quân", "%/năm", "7 - 7,5"),
                    Row("2", "Thu nhập bình quân đầu người", "Triệu đồng", "75"),
                    Row("3", "Tỷ lệ che phủ rừng", "%", "52"))));
        }
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(stream.ToArray()), "file", "bang-chi-tieu.docx");
        var (status, answer) = await SendAsync(form);
        status.ShouldBe(200, answer.ToString());
        Values(answer).ShouldBe(["GrowthRate 7 %/năm 2025", "LevelAtLeast 75 triệu đồng 2025", "LevelAtLeast 52 % 2025"]);
        ShouldBeValidImport(answer.GetProperty("draft"), "table");
    }

    [Fact]
    public async Task An_empty_text_is_a_400_naming_the_field_in_each_form()
    {
        var before = await app.EventCountAsync();
        (await SendAsync(Plain("   \n\n  "))).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(400), r => r.Body.ErrorFields().ShouldContain("body"));
        (await SendAsync(JsonContent(new { text = "" }))).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(400), r => r.Body.ErrorFields().ShouldContain("text"));
        var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        (await SendAsync(form)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(400), r => r.Body.ErrorFields().ShouldContain("file"));
        (await SendAsync(JsonContent(new { words = "…" }))).Status.ShouldBe(400);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_text_over_5_MiB_is_a_413_and_one_just_under_the_API_limit_of_1_MiB_is_drafted()
    {
        var big = new string('a', 5 * 1024 * 1024 + 10);
        var (status, problem) = await SendAsync(Plain(big));
        status.ShouldBe(413);
        problem.GetProperty("status").GetInt32().ShouldBe(413);
        // Above the API's 1 MiB limit but within the drafts' 5 MiB: a long text is read.
        var text = await File.ReadAllTextAsync(SourceTexts().First());
        var repeated = string.Concat(Enumerable.Repeat(text + "\n\n", 60));
        Encoding.UTF8.GetByteCount(repeated).ShouldBeGreaterThan(1024 * 1024);
        (await SendAsync(Plain(repeated))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_docx_that_is_not_one_is_a_400_naming_the_file_never_a_500()
    {
        async Task ShouldRefuse(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            form.Add(file, "file", name);
            var (status, problem) = await SendAsync(form);
            status.ShouldBe(400, $"{name}: {problem}");
            problem.ErrorFields().ShouldContain("file");
        }

        await ShouldRefuse(RandomBytes(4096), "ngau-nhien.docx");
        await ShouldRefuse(Zip(("readme.txt", Encoding.UTF8.GetBytes("không phải Word"))), "khong-co-document.docx");
        await ShouldRefuse(Zip(("word/document.xml", Encoding.UTF8.GetBytes("<not-xml"))), "xml-hong.docx");
        // A zip bomb: 200 MB of zeros that pack into a few hundred kilobytes.
        await ShouldRefuse(ZipBomb(), "bom.docx");
        // The Word media type on a body that is not Word names the body.
        var raw = new ByteArrayContent(RandomBytes(100));
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var (rawStatus, rawProblem) = await SendAsync(raw);
        rawStatus.ShouldBe(400);
        rawProblem.ErrorFields().ShouldContain("body");
    }

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        new Random(17).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }

    private static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, true))
        {
            using (var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 200; i++) entry.Write(zeros);
            }
            using var types = zip.CreateEntry("[Content_Types].xml").Open();
            types.Write(Encoding.UTF8.GetBytes("<Types/>"));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task A_text_with_no_targets_is_an_empty_draft_that_says_why_and_a_wrong_media_type_is_a_415()
    {
        var (status, answer) = await SendAsync(Plain("Hôm nay trời đẹp. Chúng tôi đi dạo quanh hồ."));
        status.ShouldBe(200);
        answer.GetProperty("draft").GetProperty("targets").GetArrayLength().ShouldBe(0);
        var reasons = answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        reasons.ShouldContain(r => r.StartsWith("targets:"));
        reasons.ShouldContain(r => r.StartsWith("resolution.number"));
        ShouldBeValidImport(answer.GetProperty("draft"), "no targets");

        var png = new ByteArrayContent(RandomBytes(10));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        (await SendAsync(png)).Status.ShouldBe(415);
        var invalidUtf8 = new ByteArrayContent([0xC3, 0x28, 0xFF]);
        invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        var (utf8Status, utf8Problem) = await SendAsync(invalidUtf8);
        utf8Status.ShouldBe(400);
        utf8Problem.ErrorFields().ShouldContain("body");
    }

    [Fact]
    public async Task Only_the_secretariat_drafts()
    {
        (await SendAsync(Plain("NGHỊ QUYẾT"), app.TokenFor(Monitoring.Api.Infrastructure.Security.Roles.Committee))).Status.ShouldBe(403);
        (await SendAsync(Plain("NGHỊ QUYẾT"), app.TokenFor(Monitoring.Api.Infrastructure.Security.Roles.Reporter, "DON-VI-A"))).Status.ShouldBe(403);
    }
}
