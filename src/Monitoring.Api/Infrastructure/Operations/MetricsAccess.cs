using System.Net;
using Microsoft.Extensions.Options;

namespace Monitoring.Api.Infrastructure.Operations;

/// <summary>Section <c>Metrics</c>: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// The networks (CIDR, e.g. <c>10.0.0.0/8</c>) a scraper may read <c>/metrics</c> from, besides loopback, which is always
    /// allowed. Empty by default: only the machine itself.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}

/// <summary>
/// <c>/metrics</c> is never public: it answers only a request that comes straight from loopback or from a network of
/// <see cref="MetricsOptions.AllowedNetworks"/>, and never one that a reverse proxy forwarded (it carries
/// <c>X-Forwarded-For</c>, <c>Forwarded</c> or <c>X-Real-IP</c>), since a proxy on the same machine would otherwise make
/// anyone on the internet look local. Any other caller gets 404, as if there were nothing there.
/// </summary>
public sealed class MetricsAccess
{
    private readonly RequestDelegate _next;
    private readonly IReadOnlyList<IPNetwork> _allowed;

    public MetricsAccess(RequestDelegate next, IOptions<MetricsOptions> options)
    {
        _next = next;
        _allowed = options.Value.AllowedNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n =>
                IPNetwork.TryParse(n.Trim(), out var network) ? network
                    : throw new StartupConfigurationException($"Metrics:AllowedNetworks: '{n}' is not a network in CIDR notation (such as 10.0.0.0/8)."))
            .ToList();
    }

    public static bool Allows(IPAddress? remote, IReadOnlyList<IPNetwork> allowed, IHeaderDictionary headers)
    {
        if (remote is null) return false;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP")) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return IPAddress.IsLoopback(remote) || allowed.Any(n => n.Contains(remote));
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (Allows(context.Connection.RemoteIpAddress, _allowed, context.Request.Headers)) return _next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
