using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using netDumbster.smtp;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>A local SMTP server on loopback (netDumbster) that keeps every message it receives, parsed with MimeKit.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly SimpleSmtpServer _server;

    public int Port { get; }

    public SmtpSink()
    {
        Port = FreePort.Next();
        _server = SimpleSmtpServer.Start(Port);
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages =>
        _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    /// <summary>The messages sent to one address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public void Dispose() => _server.Stop();
}

/// <summary>
/// A local HTTP receiver on loopback (Kestrel) that records every webhook call: path, delivery id, signature and the exact body
/// bytes. A path can be told to answer 500 a number of times before it answers 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Hit(string Path, string? DeliveryId, string? Signature, byte[] Body, int Answered, DateTimeOffset At);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Hit> _hits = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    public string BaseAddress { get; }

    private WebhookReceiver(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}");
        app.MapPost("/{**path}", (RequestDelegate)receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    public string Url(string path) => $"{BaseAddress}/{path.TrimStart('/')}";

    /// <summary>The next <paramref name="times"/> calls to <paramref name="path"/> answer 500.</summary>
    public void FailFirst(string path, int times) => _failuresLeft[Normalize(path)] = times;

    public IReadOnlyList<Hit> Hits => _hits.ToList();

    public IReadOnlyList<Hit> At(string path) => _hits.Where(h => h.Path == Normalize(path)).ToList();

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var path = context.Request.Path.Value ?? "/";
        var status = 200;
        if (_failuresLeft.TryGetValue(path, out var left) && left > 0)
        {
            _failuresLeft[path] = left - 1;
            status = 500;
        }
        _hits.Enqueue(new Hit(path, context.Request.Headers["X-Monitoring-Delivery"].FirstOrDefault(),
            context.Request.Headers["X-Monitoring-Signature"].FirstOrDefault(), buffer.ToArray(), status, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
    }

    /// <summary>What a receiver does: recompute the HMAC-SHA256 of the raw body with the shared secret and compare in constant time.</summary>
    public static bool SignatureIsValid(Hit hit, string secret)
    {
        if (hit.Signature is not { } header || !header.StartsWith("sha256=")) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), hit.Body);
        try { return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(header["sha256=".Length..])); }
        catch (FormatException) { return false; }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, or fails with <paramref name="what"/> after <paramref name="limit"/> (default 20 s).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"Timed out waiting until {what}");
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, limit);
}
