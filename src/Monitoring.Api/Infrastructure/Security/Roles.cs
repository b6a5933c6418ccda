namespace Monitoring.Api.Infrastructure.Security;

/// <summary>Who does what (DOMAIN.md, "The people and what they do").</summary>
public static class Roles
{
    /// <summary>Văn phòng Tỉnh ủy: defines resolutions, targets, tasks, units, assignments; records adjustments; generates reviews.</summary>
    public const string Secretariat = "secretariat";
    /// <summary>A reporting unit's officer: submits and revises for what is assigned to that unit, and reads only that.</summary>
    public const string Reporter = "reporter";
    /// <summary>Ban Thường vụ Tỉnh ủy: reads everything, including audit; records review conclusions.</summary>
    public const string Committee = "committee";
    /// <summary>Reads the audit trail and its verification only.</summary>
    public const string Auditor = "auditor";
    /// <summary>A central body: reads the national overview (each province's counts), nothing of a province's record itself.</summary>
    public const string National = "national";
    /// <summary>The national administrator: adds provinces, and reads what <see cref="National"/> reads.</summary>
    public const string NationalAdmin = "national-admin";

    /// <summary>The roles that work inside one province's record.</summary>
    public static readonly string[] Provincial = [Secretariat, Reporter, Committee, Auditor];
    public static readonly string[] All = [Secretariat, Reporter, Committee, Auditor, National, NationalAdmin];
}

/// <summary>The authorization policies every endpoint names one of.</summary>
public static class Policies
{
    /// <summary>Define and change what a resolution commits to.</summary>
    public const string Define = "define";
    /// <summary>Submit and revise figures and task progress (reporters for their own unit; the secretariat on a unit's behalf).</summary>
    public const string Report = "report";
    /// <summary>Read resolutions, targets, tasks, units and reports (reporters see only their unit's).</summary>
    public const string Read = "read";
    /// <summary>Read across all units: overviews, other units' submissions.</summary>
    public const string ReadAll = "read-all";
    /// <summary>Read the audit trail and verify it.</summary>
    public const string Audit = "audit";
    /// <summary>Record the committee's conclusions.</summary>
    public const string Conclude = "conclude";
    /// <summary>Approve or return a unit's submission and grant lock exceptions (the secretariat only).</summary>
    public const string Approve = "approve";
    /// <summary>Open explanation requests, accept explanations, ask follow-ups: the committee, or the secretariat on its behalf.</summary>
    public const string RequestExplanation = "request-explanation";
    /// <summary>Read the national overview: every province's counts (the national roles).</summary>
    public const string National = "national";
    /// <summary>Add a province (the national administrator).</summary>
    public const string AddProvince = "add-province";
}
