using JasperFx;
using Marten.Exceptions;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// A write that sent no expected version means "record this on whatever is current". When another writer committed to
/// the same stream between this request's read and its commit (two co-operating units reporting on one target, a
/// client's retries racing each other), the whole request runs again on fresh state — a bounded number of times, with
/// a short random pause — and is decided again: a retry of a stored Idempotency-Key then finds and replays the first
/// answer. A write that named the version it expects still gets its 409: it asked not to be applied to anything else.
/// </summary>
public sealed class ConflictRetry(RequestDelegate next, ILogger<ConflictRetry> logger)
{
    public const int MaxAttempts = 6;
    private const string PinnedKey = "monitoring.expected-version-given";

    /// <summary>Called wherever a request's expected version is read: this request must not be retried on a conflict.</summary>
    public static void MarkVersionPinned(HttpContext context) => context.Items[PinnedKey] = true;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (IsWriteConflict(e) && attempt < MaxAttempts && !context.Response.HasStarted && !context.Items.ContainsKey(PinnedKey))
            {
                logger.LogInformation("Write conflict on {Path} (attempt {Attempt}), running it again on fresh state: {Message}",
                    context.Request.Path, attempt, e.Message);
                context.Response.Clear();
                context.Request.Body.Position = 0;
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), context.RequestAborted);
            }
        }
    }

    /// <summary>
    /// Another writer appended to the same stream, or started the same stream first (two reports of one unit opening
    /// the submission of a resolution and period at the same moment), or stored the same idempotent answer; or the
    /// append itself met an event already there under the same stream version. That last one is what a client's retry
    /// meets when its first attempt was committed after all by a backend the client had given up on (a database killed
    /// under load leaves its backends finishing their transactions): run again, the request finds its stored answer.
    /// </summary>
    public static bool IsWriteConflict(Exception e) =>
        e.FindInner<ConcurrencyException>() is not null
        || e.FindInner<JasperFx.Events.ExistingStreamIdCollisionException>() is not null
        || e.FindInner<ExistingStreamIdCollisionException>() is not null
        || e.FindInner<DocumentAlreadyExistsException>() is { DocType: var type } && type == typeof(IdempotentResponse)
        || e.FindInner<Npgsql.PostgresException>() is { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } unique
           && (unique.TableName is "mt_events" or "mt_streams" || unique.Where?.Contains("mt_quick_append_events") == true);
}
