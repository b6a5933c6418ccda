using Wolverine.Http;

namespace Monitoring.Api.Infrastructure.OpenApi;

/// <summary>
/// Operation ids that make good method names in generated clients: the id given on the route attribute
/// (<c>[WolverineGet("/api/targets/{id}", OperationId = "GetTargetStatus")]</c>), else the name of a single-endpoint class
/// without its <c>Endpoint</c> suffix (<c>SubmitReportEndpoint</c> → <c>SubmitReport</c>). A class holding several
/// endpoints names each one on its attribute.
/// </summary>
public static class OperationIds
{
    public static string For(HttpChain chain)
    {
        if (chain.HasExplicitOperationId) return chain.OperationId;
        var type = chain.Method.HandlerType.Name;
        if (type.EndsWith("Endpoint", StringComparison.Ordinal)) return type[..^"Endpoint".Length];
        throw new InvalidOperationException(
            $"{chain.Method.HandlerType.Name}.{chain.Method.Method.Name}: name the operation on its route attribute (OperationId = \"...\").");
    }
}
