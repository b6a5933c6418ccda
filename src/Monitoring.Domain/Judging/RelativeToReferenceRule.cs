using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Các chỉ tiêu giáo dục đạt mức bình quân của Tỉnh", "duy trì và nâng cao chỉ số PCI": the latest value against the
/// reference value reported with it (the province average, last year's rank).
/// </summary>
internal static class RelativeToReferenceRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        var lowerIsBetter = target.Direction == Direction.Decrease;
        var reference = string.IsNullOrWhiteSpace(target.ReferenceSeries) ? "giá trị so sánh" : target.ReferenceSeries;

        var latest = context.Figures.LastOrDefault(f => f.Value is not null);
        if (latest is null)
            return context.NoData(JudgingRules.RelativeToReference, $"chưa có số liệu để so với {reference}");
        var value = latest.Value!.Value;
        // A rank is written as a place ("xếp thứ 3"), and a smaller place is ahead.
        var rank = Plausibility.IsRank(target.UnitOfMeasure);
        var reached = rank ? $"{latest.Period.ToVietnamese()} xếp thứ {Wording.Number(value)}" : $"{latest.Period.ToVietnamese()} đạt {Amount(value)}";
        if (latest.ReferenceValue is not { } referenceValue)
            return context.NoData(JudgingRules.RelativeToReference, $"{reached} nhưng chưa có {reference} cùng kỳ để so sánh");

        var met = lowerIsBetter ? value <= referenceValue : value >= referenceValue;
        var comparison = rank
            ? (value == referenceValue ? "ngang" : met ? "đứng trên" : "đứng sau")
            : value == referenceValue ? "bằng"
            : met ? (lowerIsBetter ? "thấp hơn (tốt hơn)" : "cao hơn")
            : "chưa đạt";
        var status = met ? TargetStatus.AchievedOrExceeded
            : context.TargetYearIsOver ? TargetStatus.OffTrack
            : TargetStatus.AtRisk;
        return new TargetJudgement(status, value, Progress.Achievement(value, referenceValue, lowerIsBetter), null,
            JudgingRules.RelativeToReference, Wording.Sentences($"{reached}, {comparison} {reference} ({(rank ? $"thứ {Wording.Number(referenceValue)}" : Amount(referenceValue))})"));

        string Amount(decimal amount) => Wording.Amount(amount, target.UnitOfMeasure);
    }
}
