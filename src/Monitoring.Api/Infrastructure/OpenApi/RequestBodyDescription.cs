using Microsoft.OpenApi;

namespace Monitoring.Api.Infrastructure.OpenApi;

/// <summary>
/// Endpoint metadata describing a request body the endpoint reads itself (a multipart upload), which the OpenAPI generator
/// cannot infer from a request type: <see cref="ApiContract"/> publishes it as the operation's request body.
/// </summary>
public interface IRequestBodyDescription
{
    OpenApiRequestBody RequestBody();
}
