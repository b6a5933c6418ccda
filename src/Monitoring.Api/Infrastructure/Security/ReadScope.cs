using Monitoring.Api.Infrastructure.Http;

namespace Monitoring.Api.Infrastructure.Security;

public static class ReadScope
{
    /// <summary>A reporter's lists are always their own unit's: the filter is set to it, and asking for another unit is 403.</summary>
    public static IResult? ForUnit(Caller caller, ref Guid? unitId)
    {
        if (!caller.IsReporter) return null;
        if (unitId is not null && unitId != caller.UnitId) return Problems.NotYourUnit("Unit", unitId.Value);
        unitId = caller.UnitId;
        return null;
    }
}
