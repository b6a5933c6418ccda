using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Npgsql;
using Wolverine.Http;

namespace Monitoring.Api.Audit;

/// <summary>The public half of the checkpoint key: anyone checks a checkpoint with it, offline too.</summary>
public sealed record CheckpointPublicKey(string KeyId, string Algorithm, string PublicKeyPem);

/// <summary>
/// What <c>POST /api/audit/verify</c> answers for a checkpoint: whether the store still holds the history the checkpoint saw
/// (the chain whole, and at the checkpoint's sequence the checkpoint's hash), and if not, what is wrong: <c>truncated</c>
/// (the events up to the checkpoint's head are no longer all there), <c>hash-differs</c> (the history up to it was
/// rewritten), or the chain's own first break.
/// </summary>
public sealed record CheckpointVerification(bool Ok, string? Problem, string Explanation, long CheckpointSequence, string CheckpointHash,
    long StoreHeadSequence, string StoreHeadHash, ChainVerification Chain);

public static class CheckpointEndpoints
{
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit/checkpoint-key", OperationId = "GetCheckpointKey"), Tags("Audit"),
     EndpointSummary("The public key that checks checkpoints (PEM), its id (SHA-256 fingerprint) and algorithm; format=pem for the PEM file alone")]
    [ProducesResponseType<CheckpointPublicKey>(200, "application/json", "application/x-pem-file")]
    public static IResult GetKey(string? format, Checkpoints checkpoints)
    {
        var key = checkpoints.Key;
        return format switch
        {
            null or "json" => Results.Ok(new CheckpointPublicKey(key.KeyId, CheckpointKey.Algorithm, key.PublicKeyPem)),
            "pem" => Results.File(Encoding.ASCII.GetBytes(key.PublicKeyPem + "\n"), "application/x-pem-file", "checkpoint-key.pem"),
            _ => Problems.Invalid("format", Localized.Text("format is json or pem.", "format là json hoặc pem.")),
        };
    }

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit/checkpoint", OperationId = "TakeCheckpoint"), Tags("Audit"),
     EndpointSummary("Verify the chain and sign its head: the current checkpoint, as JSON or (format=txt) as a printable text file; 409 when the chain is broken")]
    [EndpointDescription("Only a head that verification has just found whole is signed. Keep the checkpoint (README, Checkpoints): later, POST it to /api/audit/verify.")]
    [ProducesResponseType<Checkpoint>(200, "application/json", "text/plain")]
    [ProducesResponseType<ProblemDetails>(409, "application/problem+json")]
    public static async Task<IResult> Take(string? format, IQuerySession session, Checkpoints checkpoints, CancellationToken ct)
    {
        if (format is not (null or "json" or "txt"))
            return Problems.Invalid("format", Localized.Text("format is json or txt.", "format là json hoặc txt."));
        await using var connection = session.Database.CreateConnection();
        var (checkpoint, verification) = await checkpoints.TakeAsync(connection, session.TenantId, ct);
        if (checkpoint is null)
            return Problems.Conflict(Localized.Text(
                $"The audit chain is broken at sequence {verification.FirstBreak!.Sequence} ({verification.FirstBreak.Problem}): no checkpoint is signed over it.",
                $"Chuỗi kiểm toán bị đứt tại sự kiện số {verification.FirstBreak!.Sequence} ({verification.FirstBreak.Problem}): không ký mốc kiểm tra trên chuỗi này."));
        return format == "txt"
            ? Results.File(Encoding.UTF8.GetBytes(checkpoint.Printable()), "text/plain; charset=utf-8", $"checkpoint-{checkpoint.HeadSequence}.txt")
            : Results.Ok(checkpoint);
    }

    [Authorize(Policy = Policies.Audit)]
    [WolverinePost("/api/audit/verify", OperationId = "VerifyAgainstCheckpoint"), Tags("Audit"),
     EndpointSummary("Check a checkpoint kept earlier: its signature, then that the store still holds the history it saw (truncated, rewritten or whole)")]
    [ProducesResponseType<CheckpointVerification>(200)]
    public static async Task<IResult> Verify(Checkpoint checkpoint, IQuerySession session, Checkpoints checkpoints, ChainVerifier verifier, CancellationToken ct)
    {
        if (checkpoint.KeyId != checkpoints.Key.KeyId)
            return Problems.Invalid("keyId", Localized.Text(
                $"This checkpoint was signed with another key ({checkpoint.KeyId}); this service's key is {checkpoints.Key.KeyId}.",
                $"Mốc kiểm tra này được ký bằng khóa khác ({checkpoint.KeyId}); khóa của hệ thống là {checkpoints.Key.KeyId}."));
        if (!checkpoints.IsSigned(checkpoint))
            return Problems.Invalid("signature", Localized.Text(
                "The signature does not match the checkpoint's fields: a field or the signature was altered.",
                "Chữ ký không khớp với nội dung mốc kiểm tra: một trường hoặc chữ ký đã bị sửa."));
        if (checkpoint.Deployment != checkpoints.DeploymentOf(session.TenantId))
            return Problems.Invalid("deployment", Localized.Text(
                $"This checkpoint is of {checkpoint.Deployment}, not of {checkpoints.DeploymentOf(session.TenantId)}.",
                $"Mốc kiểm tra này thuộc {checkpoint.Deployment}, không thuộc {checkpoints.DeploymentOf(session.TenantId)}."));

        await using var connection = session.Database.CreateConnection();
        var chain = await verifier.VerifyAsync(connection, ct);
        var hashThere = await HashAtAsync(connection, checkpoint.HeadSequence, ct);
        var (problem, explanation) = Judge(checkpoint, chain, hashThere);
        return Results.Ok(new CheckpointVerification(problem is null, problem, explanation, checkpoint.HeadSequence, checkpoint.HeadHash,
            chain.HeadSequence, chain.HeadHash, chain));
    }

    private static (string? Problem, string Explanation) Judge(Checkpoint checkpoint, ChainVerification chain, string? hashThere)
    {
        var (n, h, m) = (checkpoint.HeadSequence, checkpoint.HeadHash, chain.HeadSequence);
        var day = ProvinceClock.DateOf(checkpoint.RecordedAt).ToString("dd/MM/yyyy");
        if (!chain.Ok)
            return (chain.FirstBreak!.Problem, Localized.Text(
                $"The chain itself is broken at sequence {chain.FirstBreak.Sequence}: {chain.FirstBreak.Explanation}",
                $"Chuỗi kiểm toán bị đứt tại sự kiện số {chain.FirstBreak.Sequence}: {chain.FirstBreak.Explanation}"));
        // The genesis checkpoint (an empty store) is a prefix of every history.
        if (n == 0 && h == AuditChain.Genesis)
            return (null, Localized.Text($"The checkpoint of {day} saw an empty store; the store now ends at sequence {m}.",
                $"Mốc kiểm tra ngày {day} thấy kho chưa có sự kiện; kho hiện kết thúc ở sự kiện số {m}."));
        if (hashThere is null)
            return ("truncated", m < n
                ? Localized.Text(
                    $"The checkpoint of {day} saw events up to sequence {n} with hash {h}; the store now ends at sequence {m}: the events after {m} were removed.",
                    $"Mốc kiểm tra ngày {day} đã thấy các sự kiện đến số {n} với mã băm {h}; kho hiện chỉ còn đến sự kiện số {m}: các sự kiện sau số {m} đã bị xóa.")
                : Localized.Text(
                    $"The checkpoint of {day} saw events up to sequence {n} with hash {h}; the chain no longer holds sequence {n} (it now ends at {m}): events up to {n} were removed and others recorded after them.",
                    $"Mốc kiểm tra ngày {day} đã thấy các sự kiện đến số {n} với mã băm {h}; chuỗi không còn sự kiện số {n} (hiện kết thúc ở số {m}): các sự kiện đến số {n} đã bị xóa và sự kiện khác được ghi sau đó."));
        if (hashThere != h)
            return ("hash-differs", Localized.Text(
                $"The checkpoint of {day} saw sequence {n} with hash {h}; the chain now has hash {hashThere} at {n}: the history up to {n} was rewritten.",
                $"Mốc kiểm tra ngày {day} đã thấy sự kiện số {n} với mã băm {h}; chuỗi hiện có mã băm {hashThere} tại số {n}: lịch sử đến số {n} đã bị viết lại."));
        return (null, Localized.Text(
            $"The store still holds the history the checkpoint of {day} saw (sequence {n}, hash {h}); it now ends at sequence {m}.",
            $"Kho vẫn giữ nguyên lịch sử mà mốc kiểm tra ngày {day} đã thấy (sự kiện số {n}, mã băm {h}); kho hiện kết thúc ở sự kiện số {m}."));
    }

    private static async Task<string?> HashAtAsync(NpgsqlConnection connection, long sequence, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select hash from {MartenSetup.Schema}.{AuditChain.Table} where seq_id = $1", connection)
        {
            Parameters = { new() { Value = sequence } },
        };
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
