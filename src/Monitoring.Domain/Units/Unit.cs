using System.Text.Json.Serialization;

namespace Monitoring.Domain.Units;

/// <summary>Kinds of implementing unit named in "Tổ chức thực hiện".</summary>
[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<UnitKind>))]
public enum UnitKind
{
    /// <summary>Huyện ủy, thị ủy, thành ủy.</summary>
    DistrictPartyCommittee,
    /// <summary>Đảng ủy trực thuộc.</summary>
    AffiliatedPartyCommittee,
    /// <summary>Ban cán sự đảng UBND tỉnh.</summary>
    ProvincialPeoplesCommitteeParty,
    /// <summary>Đảng đoàn HĐND tỉnh.</summary>
    ProvincialCouncilParty,
    /// <summary>Sở, ban, ngành.</summary>
    Department,
    /// <summary>Mặt trận Tổ quốc và các đoàn thể.</summary>
    Front,
    /// <summary>Ban của Tỉnh ủy, Văn phòng Tỉnh ủy.</summary>
    PartyCommitteeBoard,
    Other,
}

public sealed record UnitRegistered(Guid UnitId, string Code, string Name, UnitKind Kind, Guid? ParentUnitId, string RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>
/// A webhook that receives the unit's notifications. The event and the unit's state carry only a fingerprint of its secret (the
/// first 12 hex digits of its SHA-256): the secret itself is kept beside them, never in the append-only history.
/// </summary>
public sealed record WebhookRecipient(string Url, string SecretFingerprint);

/// <summary>Where the unit's reminders and notifications go: e-mail addresses and signed webhooks.</summary>
public sealed record UnitRecipients(IReadOnlyList<string> Emails, IReadOnlyList<WebhookRecipient> Webhooks);

/// <summary>The secretariat set where the unit's notifications go; it replaces the previous recipients whole.</summary>
public sealed record UnitRecipientsSet(Guid UnitId, IReadOnlyList<string> Emails, IReadOnlyList<WebhookRecipient> Webhooks, string SetBy,
    DateTimeOffset SetAt);

public sealed record Unit
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public UnitKind Kind { get; init; }
    public Guid? ParentUnitId { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    /// <summary>Where notifications to the unit go; null until the secretariat sets them.</summary>
    public UnitRecipients? Recipients { get; init; }

    private static Unit From(UnitRegistered e) => new()
    {
        Id = e.UnitId, Code = e.Code, Name = e.Name, Kind = e.Kind, ParentUnitId = e.ParentUnitId, RegisteredAt = e.RegisteredAt,
    };

    /// <summary>The events of a unit's stream, each with its case in <see cref="Evolve"/>; Marten's projection takes exactly these.</summary>
    public static readonly IReadOnlyList<Type> EventTypes = [typeof(UnitRegistered), typeof(UnitRecipientsSet)];

    /// <summary>
    /// The one place a unit evolves: the state after <paramref name="event"/>, given the state before it (null before the
    /// stream starts). Marten's projection runs it, and so do the as-of reader, reviews, the import and the decision tests.
    /// </summary>
    public static Unit? Evolve(Unit? state, object @event) => (state, @event) switch
    {
        (null, UnitRegistered e) => From(e),
        ({ } unit, UnitRecipientsSet e) => unit with { Recipients = new UnitRecipients(e.Emails, e.Webhooks) },
        _ => state,
    };
}
