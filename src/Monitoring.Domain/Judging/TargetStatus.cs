using System.Text.Json.Serialization;

namespace Monitoring.Domain.Judging;

/// <summary>Where a target stands (DOMAIN.md, "Judging progress"), worst to best after <see cref="NoData"/>.</summary>
[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<TargetStatus>))]
public enum TargetStatus { NoData, OffTrack, AtRisk, OnTrack, AchievedOrExceeded }

public static class TargetStatusText
{
    /// <summary>The words reviews use: "chưa có số liệu", "không đạt", "khó đạt", "đảm bảo tiến độ", "đạt/vượt".</summary>
    public static string ToVietnamese(this TargetStatus status) => status switch
    {
        TargetStatus.NoData => "chưa có số liệu",
        TargetStatus.OffTrack => "không đạt",
        TargetStatus.AtRisk => "khó đạt",
        TargetStatus.OnTrack => "đảm bảo tiến độ",
        TargetStatus.AchievedOrExceeded => "đạt/vượt",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
