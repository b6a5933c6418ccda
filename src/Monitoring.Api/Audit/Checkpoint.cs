using System.Globalization;
using FluentValidation;
using Monitoring.Api.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Audit;

/// <summary>
/// A signed checkpoint (issue 19, case 6): the head of the hash chain as verification found it whole at
/// <see cref="RecordedAt"/>, signed with the service's checkpoint key. The signature covers <see cref="SignedText"/>, seven
/// lines rebuilt from the fields; the printable form is those lines and the signature, so openssl can check it too (README).
/// </summary>
/// <param name="Deployment">Whose store this is (<c>Audit:Deployment</c>: the province or deployment).</param>
/// <param name="HeadSequence">The last event the chain had linked and verification checked.</param>
/// <param name="HeadHash">The chain's hash at that event.</param>
/// <param name="EventsChecked">How many events verification checked (gap markers apart).</param>
/// <param name="RecordedAt">When, in UTC, to the second.</param>
/// <param name="KeyId">Which key signed it: <c>sha256:</c> and the fingerprint of its public key.</param>
/// <param name="Signature">ECDSA P-256 SHA-256 over <see cref="SignedText"/>, DER, base64.</param>
public sealed record Checkpoint(string Deployment, long HeadSequence, string HeadHash, long EventsChecked, DateTimeOffset RecordedAt, string KeyId,
    string Signature)
{
    public const string Format = "monitoring-audit-checkpoint/1";
    public const string DeploymentSetting = "Audit:Deployment";

    public string SignedText() => string.Join("\n",
        Format,
        $"deployment: {Deployment}",
        $"head-sequence: {HeadSequence.ToString(CultureInfo.InvariantCulture)}",
        $"head-hash: {HeadHash}",
        $"events-checked: {EventsChecked.ToString(CultureInfo.InvariantCulture)}",
        $"recorded-at: {RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}",
        $"key-id: {KeyId}") + "\n";

    /// <summary>The downloadable text: the signed lines, then the signature.</summary>
    public string Printable() => SignedText() + $"signature: {Signature}\n";

    public sealed class Validator : AbstractValidator<Checkpoint>
    {
        public Validator()
        {
            RuleFor(c => c.Deployment).NotEmpty().Must(d => !d.Contains('\n'));
            RuleFor(c => c.HeadSequence).GreaterThanOrEqualTo(0);
            RuleFor(c => c.HeadHash).Matches("^[0-9a-f]{64}$")
                .WithMessage(_ => Localized.Text("headHash is 64 lowercase hexadecimal digits.", "headHash gồm 64 chữ số thập lục phân viết thường."));
            RuleFor(c => c.EventsChecked).GreaterThanOrEqualTo(0);
            RuleFor(c => c.KeyId).NotEmpty();
            RuleFor(c => c.Signature).NotEmpty().Must(s => Convert.TryFromBase64String(s, new byte[s.Length], out _))
                .WithMessage(_ => Localized.Text("signature is base64.", "signature phải ở dạng base64."));
        }
    }
}

/// <summary>Signs the head of a chain that verification has just found whole, and never a broken one.</summary>
public sealed class Checkpoints(ChainVerifier verifier, CheckpointKey key, TimeProvider clock, IConfiguration configuration)
{
    public CheckpointKey Key => key;
    private readonly string _deployment = configuration[Checkpoint.DeploymentSetting] is { Length: > 0 } name ? name : "monitoring";

    /// <summary>Whose chain a checkpoint is of: the deployment and the province (each province has its own chain).</summary>
    public string DeploymentOf(string province) => $"{_deployment}/{province}";

    /// <returns>The signed checkpoint of the province's chain, or null with the verification that found the chain broken.</returns>
    public async Task<(Checkpoint? Checkpoint, ChainVerification Verification)> TakeAsync(NpgsqlConnection connection, string province, CancellationToken ct)
    {
        var verification = await verifier.VerifyAsync(connection, ct);
        if (!verification.Ok) return (null, verification);
        var now = clock.GetUtcNow();
        var unsigned = new Checkpoint(DeploymentOf(province), verification.HeadSequence, verification.HeadHash, verification.EventsChecked,
            new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero), key.KeyId, "");
        return (unsigned with { Signature = key.Sign(unsigned.SignedText()) }, verification);
    }

    public bool IsSigned(Checkpoint checkpoint) => key.Verifies(checkpoint.SignedText(), checkpoint.Signature);
}
