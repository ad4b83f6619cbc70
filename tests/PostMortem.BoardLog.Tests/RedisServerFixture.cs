using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// A real redis-server on a free loopback port with its own temp dir, AOF on (appendfsync everysec,
/// as infra/redis.conf) and RDB off. Can be stopped, killed and started again on the same port and
/// dir; killed on dispose. Path: /usr/bin/redis-server, or REDIS_SERVER.
/// </summary>
public class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("pm-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The AOF fsync policy (redis.conf appendfsync).</summary>
    protected virtual string AppendFsync => "everysec";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is already running");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("REDIS_SERVER") ?? "/usr/bin/redis-server")
        {
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _dir, "--logfile", Path.Combine(_dir, "redis.log"), "--daemonize", "no",
            "--save", "", "--appendonly", "yes", "--appendfsync", AppendFsync,
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        await WaitUntilReadyAsync();
    }

    /// <summary>Graceful: SHUTDOWN flushes the AOF, as a restart by an operator would.</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        try
        {
            await SendAsync("SHUTDOWN\r\n");
        }
        catch (IOException)
        {
            // The server closes the socket without replying when it shuts down.
        }
        catch (SocketException)
        {
        }

        await process.WaitForExitAsync().WaitAsync(s_startTimeout);
    }

    /// <summary>SIGKILL: no chance to flush anything beyond what AOF already wrote.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(s_startTimeout);
    }

    /// <summary>
    /// SIGSTOP: the server stops answering but keeps its sockets, so what clients send waits in the kernel and
    /// runs on <see cref="ResumeAsync"/> (a hung or overloaded Redis, not a dead one).
    /// </summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>
    /// Copies the append-only files as they are now (redis-server paused meanwhile, so the copy is one point in time):
    /// what a crash would leave if everything written after this point was still waiting for its fsync.
    /// </summary>
    public async Task<string> CopyAppendOnlyFilesAsync()
    {
        var source = Path.Combine(_dir, "appendonlydir");
        if (!Directory.Exists(source))
        {
            throw new InvalidOperationException($"no append-only directory at {source}: {ReadLog()}");
        }

        var copy = Path.Combine(_dir, $"aof-copy-{Guid.NewGuid():N}");
        await PauseAsync();
        try
        {
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }
        finally
        {
            await ResumeAsync();
        }

        return copy;
    }

    /// <summary>
    /// SIGKILL, then start again on the same port from <paramref name="copy"/> (<see cref="CopyAppendOnlyFilesAsync"/>):
    /// Redis comes back without everything it acknowledged after the copy — the <c>appendfsync everysec</c> crash window.
    /// </summary>
    public async Task KillAndRestartFromAsync(string copy)
    {
        await KillAsync();
        var target = Path.Combine(_dir, "appendonlydir");
        Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(copy))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(s_startTimeout);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("not started");
        using var kill = Process.Start("kill", [signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync().WaitAsync(s_startTimeout);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} exited with {kill.ExitCode}");
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {ReadLog()}");
            }

            try
            {
                // "-LOADING …" while the AOF is replayed; ready once it answers PONG.
                if ((await SendAsync("PING\r\n")).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
            }

            if (deadline.Elapsed > s_startTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {s_startTimeout}: {ReadLog()}");
            }

            await Task.Delay(20);
        }
    }

    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), timeout.Token);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private string ReadLog()
    {
        var path = Path.Combine(_dir, "redis.log");
        return File.Exists(path) ? File.ReadAllText(path) : "(no log)";
    }
}

/// <summary>
/// AOF with <c>appendfsync always</c>: Redis fsyncs before it answers, so even SIGKILL (or a host crash)
/// loses nothing it acknowledged. With everysec Redis may answer before writing the AOF while a slow
/// background fsync is running, and a killed redis-server then loses up to about two seconds.
/// </summary>
public sealed class AlwaysFsyncRedisServerFixture : RedisServerFixture
{
    protected override string AppendFsync => "always";
}
