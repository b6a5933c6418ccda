using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Configuration;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Audit;

/// <summary>
/// Issue 19, case 6: the chain alone cannot tell that its last events were removed (nothing remembers the head), so the
/// service signs checkpoints of the head with its ECDSA key; a checkpoint kept by the committee names the truncation.
/// The tail is removed and rewritten here directly in PostgreSQL, as an administrator with the triggers off could, and put
/// back after each test.
/// </summary>
public class CheckpointTests(CheckpointTests.Recorded app) : IClassFixture<CheckpointTests.Recorded>
{
    public sealed class Recorded : AppFixture
    {
        public Guid Unit, Resolution, Target;
        private int _year = 2021;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Unit = await this.RegisterUnitAsync("CHECKPOINT-UBND");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "CHECKPOINT-01", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-06-28", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận thử mốc kiểm tra",
                targets = new[] { new { code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 11 - 12%/năm", shape = "GrowthRate", minimum = 11, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = Unit } },
            }, 201);
            Resolution = resolution.GetProperty("id").GetGuid();
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            await ReportAsync(3);
        }

        /// <summary>A few more facts: official figures for the following years, a minute apart.</summary>
        public async Task ReportAsync(int count)
        {
            for (var i = 0; i < count; i++, Clock.Advance(TimeSpan.FromMinutes(1)))
            {
                var year = _year++;
                if (year > 2023) year = 2023;
                await this.PostAsync("/api/reports", new { unitId = Unit, period = $"{year}", figures = new[] { new { targetId = Target, value = 12 + i, stage = "Official" } } }, 201);
            }
        }
    }

    private string Auditor => app.TokenFor(Roles.Auditor);

    /// <summary>The daemon links events shortly after they are committed; a checkpoint signs what is linked.</summary>
    private async Task<JsonElement> SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await app.GetAsync("/api/audit/verify", token: Auditor);
            if (result.GetProperty("pendingEvents").GetInt64() == 0 || DateTime.UtcNow > deadline) return result;
            await Task.Delay(200);
        }
    }

    private async Task<JsonElement> CheckpointAsync()
    {
        await SettledAsync();
        return await app.GetAsync("/api/audit/checkpoint", token: app.TokenFor(Roles.Committee));
    }

    private Task<JsonElement> VerifyAgainstAsync(object checkpoint, int status = 200) =>
        app.PostAsync("/api/audit/verify", checkpoint, status, token: Auditor);

    private static JsonObject Altered(JsonElement checkpoint, string field, JsonNode value)
    {
        var copy = JsonNode.Parse(checkpoint.GetRawText())!.AsObject();
        copy[field] = value;
        return copy;
    }

    private async Task AdministerAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // What an administrator would do: switch the append-only triggers off for the session.
        await new NpgsqlCommand("set local session_replication_role = replica", connection, tx).ExecuteNonQueryAsync();
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>Keeps the events and links after a sequence aside (to put them back at the end of a test).</summary>
    private async Task<Func<Task>> SetTailAsideAsync(long after)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await AdministerAsync($"""
            create table monitoring.kept_events_{suffix} as select * from monitoring.mt_events where seq_id > {after};
            create table monitoring.kept_links_{suffix} as select * from monitoring.mt_audit_chain where seq_id > {after};
            """);
        return () => AdministerAsync($"""
            delete from monitoring.mt_events where seq_id > {after};
            delete from monitoring.mt_audit_chain where seq_id > {after};
            insert into monitoring.mt_events select * from monitoring.kept_events_{suffix};
            insert into monitoring.mt_audit_chain select * from monitoring.kept_links_{suffix};
            drop table monitoring.kept_events_{suffix}; drop table monitoring.kept_links_{suffix};
            """);
    }

    [Fact]
    public async Task A_checkpoint_verifies_with_the_published_key_and_a_tampered_field_or_another_key_is_refused()
    {
        var checkpoint = await CheckpointAsync();
        var key = await app.GetAsync("/api/audit/checkpoint-key", token: Auditor);
        var signed = JsonSerializer.Deserialize<Checkpoint>(checkpoint.GetRawText(), JsonDefaults.Web)!;
        signed.KeyId.ShouldBe(key.GetProperty("keyId").GetString());
        signed.HeadHash.Length.ShouldBe(64);
        signed.EventsChecked.ShouldBe(await app.EventCountAsync());

        // Anyone with the public key alone: no secret of the service's.
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.GetProperty("publicKeyPem").GetString());
        ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()))).ShouldBe(signed.KeyId);
        publicKey.VerifyData(Encoding.UTF8.GetBytes(signed.SignedText()), Convert.FromBase64String(signed.Signature), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence).ShouldBeTrue();
        publicKey.VerifyData(Encoding.UTF8.GetBytes((signed with { HeadSequence = signed.HeadSequence - 1 }).SignedText()), Convert.FromBase64String(signed.Signature),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeFalse();

        var whole = await VerifyAgainstAsync(checkpoint);
        whole.GetProperty("ok").GetBoolean().ShouldBeTrue(whole.ToString());

        var events = await app.EventCountAsync();
        (await VerifyAgainstAsync(Altered(checkpoint, "headSequence", signed.HeadSequence - 1), 400)).ErrorFields().ShouldBe(["signature"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "headHash", new string('a', 64)), 400)).ErrorFields().ShouldBe(["signature"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "recordedAt", signed.RecordedAt.AddDays(-1).ToString("O")), 400)).ErrorFields().ShouldBe(["signature"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "signature", Convert.ToBase64String(new byte[70])), 400)).ErrorFields().ShouldBe(["signature"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "signature", "not base64!"), 400)).ErrorFields().ShouldBe(["signature"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "headHash", "xyz"), 400)).ErrorFields().ShouldBe(["headHash"]);
        (await VerifyAgainstAsync(Altered(checkpoint, "keyId", "sha256:" + new string('0', 64)), 400)).ErrorFields().ShouldBe(["keyId"]);
        (await app.EventCountAsync()).ShouldBe(events);

        // A checkpoint signed by another service's key (a well-formed one, with its own key id) is refused too.
        var other = CheckpointKey.Resolve(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = "another-service-entirely-0123456789-abcdef" }).Build());
        var foreign = signed with { KeyId = other.KeyId };
        (await VerifyAgainstAsync(foreign with { Signature = other.Sign(foreign.SignedText()) }, 400)).ErrorFields().ShouldBe(["keyId"]);
    }

    [Fact]
    public async Task Deleting_the_tail_passes_plain_verification_but_the_checkpoint_names_the_truncation()
    {
        await app.ReportAsync(2);
        var checkpoint = await CheckpointAsync();
        var head = checkpoint.GetProperty("headSequence").GetInt64();
        // The last report's events (its figure, the submission and the report) go, with their links.
        var keep = await LastSequenceBeforeAsync(head, "progress_reported");
        var putBack = await SetTailAsideAsync(keep);
        try
        {
            await AdministerAsync($"delete from monitoring.mt_events where seq_id > {keep}; delete from monitoring.mt_audit_chain where seq_id > {keep};");

            var plain = await app.GetAsync("/api/audit/verify", token: Auditor);
            plain.GetProperty("ok").GetBoolean().ShouldBeTrue("the weakness a checkpoint covers: " + plain);
            plain.GetProperty("headSequence").GetInt64().ShouldBe(keep);

            var result = await VerifyAgainstAsync(checkpoint);
            result.GetProperty("ok").GetBoolean().ShouldBeFalse();
            result.GetProperty("problem").GetString().ShouldBe("truncated");
            var explanation = result.GetProperty("explanation").GetString()!;
            explanation.ShouldContain($"up to sequence {head} with hash {checkpoint.GetProperty("headHash").GetString()}");
            explanation.ShouldContain($"the store now ends at sequence {keep}");
            explanation.ShouldContain(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy"));
            result.GetProperty("storeHeadSequence").GetInt64().ShouldBe(keep);

            var inVietnamese = await app.PostAsync("/api/audit/verify", checkpoint, 200, s => s.WithRequestHeader("Accept-Language", "vi"), Auditor);
            inVietnamese.GetProperty("explanation").GetString()!.ShouldContain($"kho hiện chỉ còn đến sự kiện số {keep}");
        }
        finally
        {
            await putBack();
        }
        (await VerifyAgainstAsync(checkpoint)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_tail_rewritten_and_relinked_passes_plain_verification_but_the_checkpoint_says_where_the_hash_differs()
    {
        var checkpoint = await CheckpointAsync();
        var head = checkpoint.GetProperty("headSequence").GetInt64();
        var figure = await LastSequenceBeforeAsync(head + 1, "progress_reported");
        var putBack = await SetTailAsideAsync(figure - 1);
        try
        {
            // The last figure's value changed (its seal covers id, stream and type, not the data), and the chain recomputed
            // from there with the public algorithm, as someone who knows how the chain is made could.
            await AdministerAsync("update monitoring.mt_events set data = jsonb_set(data, '{Value}', '99') where seq_id = $1", figure);
            await RelinkFromAsync(figure);
            var plain = await app.GetAsync("/api/audit/verify", token: Auditor);
            plain.GetProperty("ok").GetBoolean().ShouldBeTrue(plain.ToString());

            var result = await VerifyAgainstAsync(checkpoint);
            result.GetProperty("ok").GetBoolean().ShouldBeFalse();
            result.GetProperty("problem").GetString().ShouldBe("hash-differs");
            result.GetProperty("explanation").GetString()!.ShouldContain($"saw sequence {head} with hash {checkpoint.GetProperty("headHash").GetString()}");
        }
        finally
        {
            await putBack();
        }
        (await VerifyAgainstAsync(checkpoint)).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_checkpoint_taken_after_more_events_is_consistent_with_an_older_one()
    {
        var older = await CheckpointAsync();
        await app.ReportAsync(2);
        var newer = await CheckpointAsync();
        newer.GetProperty("headSequence").GetInt64().ShouldBeGreaterThan(older.GetProperty("headSequence").GetInt64());
        newer.GetProperty("eventsChecked").GetInt64().ShouldBeGreaterThan(older.GetProperty("eventsChecked").GetInt64());
        foreach (var checkpoint in new[] { older, newer })
        {
            var result = await VerifyAgainstAsync(checkpoint);
            result.GetProperty("ok").GetBoolean().ShouldBeTrue(result.ToString());
            result.GetProperty("storeHeadSequence").GetInt64().ShouldBe(newer.GetProperty("headSequence").GetInt64());
        }
    }

    [Fact]
    public async Task The_text_download_checks_with_openssl_and_the_published_key()
    {
        await SettledAsync();
        var directory = Directory.CreateTempSubdirectory("checkpoint-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "checkpoint-key.pem"), await DownloadAsync("/api/audit/checkpoint-key?format=pem"));
            var text = await DownloadAsync("/api/audit/checkpoint?format=txt");
            await File.WriteAllBytesAsync(Path.Combine(directory.FullName, "checkpoint.txt"), text);
            Encoding.UTF8.GetString(text).ShouldStartWith(Checkpoint.Format + "\n");
            var keyId = (await app.GetAsync("/api/audit/checkpoint-key", token: Auditor)).GetProperty("keyId").GetString()!;

            (await OpensslCheckAsync(directory.FullName, "checkpoint.txt")).ShouldContain("Verified OK");
            (await OpensslFingerprintAsync(directory.FullName)).ShouldBe(keyId);

            // One changed figure in the file and openssl refuses it.
            var altered = Encoding.UTF8.GetString(text).Replace("head-sequence: ", "head-sequence: 1");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "altered.txt"), altered);
            (await OpensslCheckAsync(directory.FullName, "altered.txt")).ShouldContain("Verification failure");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_review_carries_the_checkpoint_in_its_document_and_its_data_and_the_printed_lines_verify()
    {
        await SettledAsync();
        var review = await app.PostAsync($"/api/resolutions/{app.Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201);
        var reviewId = review.GetProperty("reviewId").GetGuid();

        var data = await app.GetAsync($"/api/resolutions/{app.Resolution}/reviews/{reviewId}", token: app.TokenFor(Roles.Committee));
        var fromData = JsonSerializer.Deserialize<Checkpoint>(data.GetProperty("checkpoint").GetRawText(), JsonDefaults.Web)!;
        fromData.HeadSequence.ShouldBeGreaterThan(0);

        var docx = await DownloadAsync($"/api/resolutions/{app.Resolution}/reviews/{reviewId}/document");
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var lines = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        var start = lines.IndexOf(Checkpoint.Format);
        start.ShouldBeGreaterThan(0, "the checkpoint's lines are printed in the review");
        var printed = lines.Skip(start).Take(8).ToList();
        printed.ShouldContain($"head-sequence: {fromData.HeadSequence}");
        printed.ShouldContain($"head-hash: {fromData.HeadHash}");
        printed.ShouldContain($"key-id: {fromData.KeyId}");
        printed.ShouldContain($"signature: {fromData.Signature}");
        string.Join("\n", printed) .ShouldBe(fromData.Printable().TrimEnd('\n'));

        // The printed lines, typed back in, are a checkpoint the service (and openssl) accept.
        var typed = Parse(printed);
        var result = await VerifyAgainstAsync(typed);
        result.GetProperty("ok").GetBoolean().ShouldBeTrue(result.ToString());
    }

    [Fact]
    public void The_checkpoint_key_is_read_from_a_PEM_and_a_bad_one_stops_the_start()
    {
        using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = generated.ExportPkcs8PrivateKeyPem();
        var key = CheckpointKey.Resolve(Configuration(new() { ["Audit:CheckpointKey"] = pem }));
        key.KeyId.ShouldBe("sha256:" + Convert.ToHexStringLower(SHA256.HashData(generated.ExportSubjectPublicKeyInfo())));
        CheckpointKey.Resolve(Configuration(new() { ["Audit:CheckpointKey"] = generated.ExportECPrivateKeyPem().Replace("\n", "\\n") })).KeyId.ShouldBe(key.KeyId);

        Should.Throw<StartupConfigurationException>(() => CheckpointKey.Resolve(Configuration(new() { ["Audit:CheckpointKey"] = "not a key" })));
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Should.Throw<StartupConfigurationException>(() => CheckpointKey.Resolve(Configuration(new() { ["Audit:CheckpointKey"] = p384.ExportPkcs8PrivateKeyPem() })));
        // Neither a checkpoint key nor anything to derive one from (tokens from an authority, no seal key): no start.
        Should.Throw<StartupConfigurationException>(() => CheckpointKey.Resolve(Configuration(new() { ["Auth:Authority"] = "https://id.example" })));
        // Derived: stable for one signing key, different for another.
        var derived = CheckpointKey.Resolve(Configuration(new() { ["Auth:SigningKey"] = AppFixture.TestSigningKey }));
        CheckpointKey.Resolve(Configuration(new() { ["Auth:SigningKey"] = AppFixture.TestSigningKey })).KeyId.ShouldBe(derived.KeyId);
        CheckpointKey.Resolve(Configuration(new() { ["Auth:SigningKey"] = AppFixture.TestSigningKey + "x" })).KeyId.ShouldNotBe(derived.KeyId);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Checkpoint Parse(IReadOnlyList<string> lines)
    {
        string Field(string name) => lines.Single(l => l.StartsWith(name + ": "))[(name.Length + 2)..];
        return new Checkpoint(Field("deployment"), long.Parse(Field("head-sequence")), Field("head-hash"), long.Parse(Field("events-checked")),
            DateTimeOffset.Parse(Field("recorded-at"), System.Globalization.CultureInfo.InvariantCulture), Field("key-id"), Field("signature"));
    }

    private async Task<byte[]> DownloadAsync(string url)
    {
        var download = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.Authorized(app.TokenFor(Roles.Committee));
        });
        using var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>The README's commands, as a committee member would type them.</summary>
    private static async Task<string> OpensslCheckAsync(string directory, string file)
    {
        var (_, output) = await ExternalTool.RunAsync("bash", ["-c", $"""
            head -n 7 {file} > signed.txt
            sed -n 's/^signature: //p' {file} | base64 -d > signature.der
            openssl dgst -sha256 -verify checkpoint-key.pem -signature signature.der signed.txt
            """], directory, TimeSpan.FromSeconds(30));
        return output;
    }

    private static async Task<string> OpensslFingerprintAsync(string directory)
    {
        var (exit, output) = await ExternalTool.RunAsync("bash", ["-c", "echo sha256:$(openssl pkey -pubin -in checkpoint-key.pem -outform DER | sha256sum | cut -d' ' -f1)"],
            directory, TimeSpan.FromSeconds(30));
        exit.ShouldBe(0, output);
        return output.Trim();
    }

    private async Task<long> LastSequenceBeforeAsync(long before, string type)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var command = new NpgsqlCommand("select max(seq_id) from monitoring.mt_events where type = $1 and seq_id < $2", connection)
        {
            Parameters = { new NpgsqlParameter { Value = type }, new NpgsqlParameter { Value = before } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Recomputes the chain's links from a sequence on, with the chain's own (public) rule.</summary>
    private async Task RelinkFromAsync(long from)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var previous = (string?)await new NpgsqlCommand($"select hash from monitoring.mt_audit_chain where seq_id < {from} order by seq_id desc limit 1", connection)
            .ExecuteScalarAsync() ?? AuditChain.Genesis;
        var rows = new List<(long Sequence, string Content)>();
        await using (var reader = await new NpgsqlCommand(
                         $"select e.seq_id, {AuditChain.ContentSql} from monitoring.mt_events e join monitoring.mt_audit_chain c on c.seq_id = e.seq_id where e.seq_id >= {from} order by e.seq_id",
                         connection).ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        foreach (var (sequence, content) in rows)
        {
            var hash = AuditChain.Link(previous, content);
            await AdministerAsync("update monitoring.mt_audit_chain set previous_hash = $1, hash = $2 where seq_id = $3", previous, hash, sequence);
            previous = hash;
        }
    }
}
