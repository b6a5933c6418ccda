using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web;

/// <summary>The start page is the role's own: the committee's dashboard, the unit's due reports, the auditor's trail.</summary>
public sealed class IndexModel : MonitoringPage
{
    public IActionResult OnGet() => Redirect(Caller.Role switch
    {
        Roles.Reporter => "/unit",
        Roles.Auditor => "/audit",
        Roles.National or Roles.NationalAdmin => "/national",
        _ => "/resolutions",
    });
}
