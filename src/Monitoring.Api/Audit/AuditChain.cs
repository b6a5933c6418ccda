using System.Security.Cryptography;
using System.Text;

namespace Monitoring.Api.Audit;

/// <summary>
/// The tamper evidence of the event store. Every event is linked, in sequence order, into a SHA-256 chain:
/// <c>hash = SHA-256(previous hash + "\n" + content)</c>, where the content is the stored row itself — sequence, id,
/// stream, version, type, timestamp, user, correlation and causation ids, headers and data, as PostgreSQL renders them.
/// Every event the service appends also carries a seal, an HMAC of its id, stream and type under a key only the service
/// holds, so a row written into the table by anything else is told apart even at the end of the chain.
/// </summary>
public static class AuditChain
{
    public const string Table = "mt_audit_chain";
    public const string SealHeader = "seal";
    public static readonly string Genesis = new('0', 64);

    /// <summary>One row of the event table as the text that is hashed; the same SQL for linking and for verifying.</summary>
    public const string ContentSql = """
        concat_ws('|', e.seq_id, e.id, e.stream_id, e.version, e.type,
                  to_char(e.timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  coalesce(e.user_name, ''), coalesce(e.correlation_id, ''), coalesce(e.causation_id, ''),
                  coalesce(e.headers::text, ''), e.data::text)
        """;

    /// <summary>
    /// Marten's gap markers ("tombstones"): when a transaction fails after drawing sequence numbers, Marten writes one row
    /// per number it gave up, so that readers of the sequence do not wait for it. Marten writes them, not the service, so
    /// they carry no seal; they record no fact (type <c>tombstone</c>, data <c>{}</c>, no headers, no user, version equal
    /// to the sequence). The rule: such a row is linked into the chain like any other — removing, changing or inserting
    /// one is detected like any other row — and is accepted without a seal only in exactly that shape. The audit feed
    /// leaves them out, and verification counts them apart from the events.
    /// </summary>
    public const string GapMarkerSql =
        "(e.type = 'tombstone' and e.data::text = '{}' and e.headers is null and coalesce(e.user_name, '') = '' and e.version = e.seq_id)";

    public static string Link(string previousHash, string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + content)));

    public static string Seal(byte[] key, Guid eventId, Guid streamId, string eventType) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{eventId:N}|{streamId:N}|{eventType}")));
}

/// <summary>Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The key of the events' seals. Default: derived from Auth:SigningKey; required when tokens come from an authority.</summary>
    public string? SealKey { get; set; }

    public static byte[] ResolveKey(IConfiguration configuration)
    {
        var configured = configuration[$"{Section}:SealKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return Encoding.UTF8.GetBytes(configured);
        var signing = configuration["Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(signing)) return SHA256.HashData(Encoding.UTF8.GetBytes("monitoring-event-seal:" + signing));
        throw new Infrastructure.StartupConfigurationException(
            "Set Audit:SealKey (env Audit__SealKey): the key that seals every event, needed when Auth:SigningKey is not set.");
    }
}
