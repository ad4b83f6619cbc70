using System.Net;
using System.Net.Sockets;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// A loopback TCP forwarder between one client and Redis, so a test can cut that client off (a
/// network partition) while Redis and every other client carry on.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<(TcpClient Client, TcpClient Upstream)> _pairs = [];
    private readonly Task _accepting;
    private bool _cut;
    private TaskCompletionSource _flowing = Flowing();

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Closes every forwarded connection (both ends) and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _cut = true;
            foreach (var (client, upstream) in _pairs)
            {
                client.Dispose();
                upstream.Dispose();
            }

            _pairs.Clear();
        }
    }

    /// <summary>Keeps every connection open but forwards nothing (a hung network path) until <see cref="Resume"/>.</summary>
    public void Stall()
    {
        lock (_lock)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Resume()
    {
        lock (_lock)
        {
            _flowing.TrySetResult();
        }
    }

    public void Restore()
    {
        lock (_lock)
        {
            _cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            TcpClient? upstream = null;
            try
            {
                lock (_lock)
                {
                    if (_cut)
                    {
                        client.Dispose();
                        continue;
                    }
                }

                upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
                lock (_lock)
                {
                    if (_cut)
                    {
                        client.Dispose();
                        upstream.Dispose();
                        continue;
                    }

                    _pairs.Add((client, upstream));
                }

                _ = PipeAsync(client, upstream);
                _ = PipeAsync(upstream, client);
            }
            catch (SocketException)
            {
                client.Dispose();
                upstream?.Dispose();
            }
        }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    private async Task PipeAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                Task flowing;
                lock (_lock)
                {
                    flowing = _flowing.Task;
                }

                await flowing;
                await target.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
