using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Wolverine.Http;

namespace Monitoring.Api.Infrastructure.OpenApi;

/// <summary>
/// The error answers every endpoint documents, decided by what the endpoint is rather than repeated on each one:
/// always 400 (a malformed query or body) and 429 (over the rate limit); 401 and 403 when it needs a token; 413 when it
/// reads a body; 404 when it names something by id (in the route, or in the body of a write); 409 for a write (stale
/// version, duplicate); 422 when it takes an <c>Idempotency-Key</c>. Every one is <c>application/problem+json</c>.
/// Error statuses an endpoint declares itself are kept (as problems); Wolverine's automatic <c>200 IResult</c> and bare
/// <c>404</c> are dropped, so the success answer documented is the one the endpoint declares.
/// </summary>
public sealed class StandardResponses : IHttpPolicy
{
    public const string ProblemJson = "application/problem+json";

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains) chain.Metadata.Finally(builder => Standardize(chain, builder.Metadata));
    }

    private static void Standardize(HttpChain chain, IList<object> metadata)
    {
        var declared = metadata.OfType<IApiResponseMetadataProvider>().Where(x => x.StatusCode >= 400).Select(x => x.StatusCode).ToHashSet();
        foreach (var item in metadata.ToList())
        {
            var status = item switch
            {
                IApiResponseMetadataProvider a => (int?)a.StatusCode,
                IProducesResponseTypeMetadata p => p.StatusCode,
                _ => null,
            };
            var type = item switch
            {
                IApiResponseMetadataProvider a => a.Type,
                IProducesResponseTypeMetadata p => p.Type,
                _ => null,
            };
            if (status is null) continue;
            if (status >= 400 || type == typeof(IResult)) metadata.Remove(item);
        }

        var isWrite = chain.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE");
        var hasBody = chain.HasRequestType && isWrite;
        var byId = chain.RoutePattern?.Parameters.Count > 0;
        var needsToken = metadata.OfType<IAllowAnonymous>().LastOrDefault() is null;
        var idempotent = metadata.OfType<AcceptsIdempotencyKeyAttribute>().Any();

        var statuses = new SortedSet<int>(declared) { 400, 429 };
        if (needsToken) { statuses.Add(401); statuses.Add(403); }
        if (hasBody) statuses.Add(413);
        if (byId || isWrite) statuses.Add(404);
        if (isWrite) statuses.Add(409);
        if (idempotent) statuses.Add(422);

        foreach (var status in statuses)
            metadata.Add(new ProducesResponseTypeAttribute(status == 400 ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), status, ProblemJson));
    }
}

/// <summary>
/// The endpoint takes an <c>Idempotency-Key</c> header: a retry with the same key and body gets the first answer, the same
/// key with another body gets 422. Documented as a header parameter and a 422 answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceptsIdempotencyKeyAttribute : Attribute;

/// <summary>
/// A request field only some callers send (the secretariat naming the unit of a report it records on a unit's behalf):
/// documented <c>writeOnly</c> and optional, so that generated clients for the others need never set it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WriteOnlyAttribute : Attribute;
