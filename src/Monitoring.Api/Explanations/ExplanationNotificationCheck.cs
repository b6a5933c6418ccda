using Marten;
using Monitoring.Api.Notifications;
using Monitoring.Domain.Explanations;

namespace Monitoring.Api.Explanations;

/// <summary>
/// An overdue notice is sent only if, when it comes due, the unit still owes an answer to the same question: a request
/// answered, accepted or followed up (a new question with its own due date and notice) since it was scheduled is skipped.
/// </summary>
public sealed class ExplanationNotificationCheck : INotificationCheck
{
    public bool Handles(string kind) => kind == ExplanationNotices.Overdue;

    public async Task<string?> SkipReasonAsync(IQuerySession session, string kind, string key, CancellationToken ct)
    {
        // explanation-overdue:{requestId}:{unitId}:{round}
        var parts = key.Split(':');
        if (parts.Length != 4 || !Guid.TryParse(parts[1], out var requestId) || !Guid.TryParse(parts[2], out var unitId)
            || !int.TryParse(parts[3], out var round))
            return null;
        var request = await session.LoadAsync<ExplanationRequestView>(requestId, ct);
        if (request is null) return "Yêu cầu giải trình không còn.";
        if (request.State is not (ExplanationState.Open or ExplanationState.FollowUpAsked) || request.Round != round
            || !request.AwaitingUnitIds.Contains(unitId))
            return "Đơn vị đã trả lời hoặc yêu cầu đã được xử lý trước hạn nhắc.";
        return null;
    }
}
