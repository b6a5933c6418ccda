using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>
/// Refuses bodies over <see cref="LimitOptions.MaxRequestBodyBytes"/> (or the endpoint's own <see cref="BodyLimitAttribute"/>, for an
/// upload) with 413 before anything reads them. Kestrel gets the
/// same limit through its feature; bodies without a Content-Length are cut off by a counting stream.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<LimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint (or page) that reads uploads declares its own limit ([BodyLimit]); every other one gets the configured one.
        var max = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimitAttribute>()?.MaxBytes ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await TooLarge(context, max);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = max;
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            context.Request.Body = new LimitedStream(context.Request.Body, max);
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: 413 } || e.FindInner<LimitedStream.TooLargeException>() is not null)
        {
            if (!context.Response.HasStarted) await TooLarge(context, max);
        }
    }

    private static Task TooLarge(HttpContext context, long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: Localized.Text("Request body too large", "Nội dung yêu cầu quá lớn"),
            detail: Localized.Text($"At most {max} bytes are accepted.", $"Chỉ nhận tối đa {max} byte.")).ExecuteAsync(context);

    private sealed class LimitedStream(Stream inner, long max) : Stream
    {
        private long _read;
        public sealed class TooLargeException() : IOException("Request body too large");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await inner.ReadAsync(buffer, ct);
            if ((_read += n) > max) throw new TooLargeException();
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if ((_read += n) > max) throw new TooLargeException();
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// The body limit of an endpoint or page that takes uploads, in place of <see cref="LimitOptions.MaxRequestBodyBytes"/>
/// (applied by <see cref="RequestBodyLimit"/>, and to Kestrel through the request's body-size feature).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BodyLimitAttribute(long maxBytes) : Attribute
{
    public long MaxBytes { get; } = maxBytes;
}
