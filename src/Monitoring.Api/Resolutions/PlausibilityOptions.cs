using Monitoring.Domain.Common;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Api.Resolutions;

/// <summary>Section <c>Plausibility</c>: how far past its resolution's period a task's deadline may be set or extended.</summary>
public sealed class PlausibilityOptions
{
    public const string Section = "Plausibility";
    public int DeadlineMarginYears { get; set; } = 1;

    public Rejection? Deadline(DateOnly deadline, Resolution resolution, string field, DateOnly? committed) =>
        Plausibility.Deadline(deadline, ResolutionSpans.Of(resolution), DeadlineMarginYears, field, committed);
}
