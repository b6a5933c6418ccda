namespace Monitoring.Domain.Common;

public enum RejectionKind { Invalid, NotFound, Conflict }

/// <summary>Why a command was refused, in both languages the API speaks, naming the field at fault.</summary>
public sealed record Rejection(RejectionKind Kind, string Field, string English, string Vietnamese);

/// <summary>What a decision produced: the events to append, or why nothing is appended.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Reject(RejectionKind kind, string field, string english, string vietnamese) =>
        new([], new Rejection(kind, field, english, vietnamese));
    public static Decision Reject(Rejection rejection) => new([], rejection);

    public bool IsAccepted => Rejection is null;
}
