using Marten;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure;
using Wolverine.Http.Runtime.MultiTenancy;

namespace Monitoring.Api.Provinces;

/// <summary>The province of an HTTP request, for Wolverine's sessions: the caller's, worked out once by the caller middleware.</summary>
public sealed class ProvinceDetection : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => ValueTask.FromResult(context.Caller().Province);
}

/// <summary>
/// Sessions taken from the container (a page's, a health check's) are the calling user's province's; outside a request,
/// the default province's. Without either there is no province to read, which is said plainly rather than guessed.
/// </summary>
public sealed class ProvinceSessionFactory(IDocumentStore store, IHttpContextAccessor accessor, IOptions<ProvinceOptions> options) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(Province());
    public IDocumentSession OpenSession() => store.LightweightSession(Province());

    private string Province() =>
        (accessor.HttpContext is { } context ? context.Caller().Province : options.Value.DefaultCode)
        ?? throw new NoProvinceException();
}

/// <summary>Something needed a province's record and the caller has none (a national role): answered 403, never 500.</summary>
public sealed class NoProvinceException() : InvalidOperationException("This needs a province, and the caller belongs to none.");
