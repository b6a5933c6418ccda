using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Monitoring.Faults;

/// <summary>
/// A loopback TCP relay between the service and PostgreSQL that can be cut: while cut it refuses new connections (its
/// listener is closed) and has dropped every open one, as a network partition followed by a firewall's refusals looks to the
/// service; restored, it listens on the same port again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _open = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private CancellationTokenSource _stop = new();

    public int Port { get; }

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        Port = ServiceProcess.FreePort();
        Listen();
    }

    private void Listen()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception) { return; }
            _ = RelayAsync(client, ct);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken ct)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, ct);
            _open[client] = server;
            await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream(), ct), server.GetStream().CopyToAsync(client.GetStream(), ct));
        }
        catch (Exception) { }
        finally
        {
            _open.TryRemove(client, out _);
            Drop(client);
            Drop(server);
        }
    }

    /// <summary>Refuses new connections and drops the open ones (reset, not a polite close).</summary>
    public async Task CutAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        await _accepting;
        foreach (var (client, server) in _open)
        {
            Drop(client);
            Drop(server);
        }
        _open.Clear();
    }

    public void Restore() => Listen();

    private static void Drop(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception) { }
    }

    public async ValueTask DisposeAsync() => await CutAsync();
}
