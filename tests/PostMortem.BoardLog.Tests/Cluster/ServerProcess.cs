using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// One real PostMortem server: <c>dotnet exec PostMortem.Server.dll</c> from the server's build output,
/// on a free loopback port, in Redis mode. Ready once /healthz answers 200 (Redis connected). Killed
/// with SIGKILL on <see cref="KillAsync"/> and on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>Shared by every instance of a test, as Auth:SigningKey must be in a real deployment.</summary>
    public const string SigningKey = "cluster-tests-signing-key-0123456789abcdef";

    // Generous: a cold .NET start with migrations on a 2-core CI machine that is also running the other
    // test projects can take tens of seconds. A start-up bound, never a performance assertion.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _watches = [];

    private ServerProcess(string name, Process process, int port, string dataFolder)
    {
        Name = name;
        _process = process;
        Port = port;
        _dataFolder = dataFolder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Output => string.Join(Environment.NewLine, _output);

    public static string ServerDll =>
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PostMortemServerDll").Value!;

    public static async Task<ServerProcess> StartAsync(string name, string redisConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = RedisServerFixture.FreePort();
        var dataFolder = Directory.CreateTempSubdirectory("pm-server-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        foreach (var arg in new[] { "exec", ServerDll, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = redisConnectionString,
            ["Auth__SigningKey"] = SigningKey,
            ["Data__Folder"] = dataFolder,
            // Catch a publish lost around a reconnect quickly (the default is 5 s).
            ["Redis__TailCheckInterval"] = "00:00:01",
            // Tests submit faster than a person: no per-connection or per-address throttling here.
            ["Limits__CommandsPerSecond"] = "100000",
            ["Limits__CommandBurst"] = "100000",
            ["Limits__CallsPerSecond"] = "100000",
            ["Limits__CallBurst"] = "100000",
            ["Limits__HttpWritesPerMinute"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__PostMortem"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(name, process, port, dataFolder);
        process.OutputDataReceived += (_, e) => server.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(s_startTimeout);
            await server.WarmUpAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Polls /healthz (bounded) until it answers 200: the server listens and Redis is connected.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        var lastAnswer = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                lastAnswer = ex.GetType().Name + ": " + ex.Message;
            }

            if (waited.Elapsed > timeout)
            {
                // What /healthz last said tells a slow start from a check that never passed (which one, and why).
                throw new TimeoutException($"{Name} was not healthy within {timeout} (last /healthz: {lastAnswer}):{Environment.NewLine}{Output}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Creates a throwaway board, so the first request of a test does not pay for JIT and the database's
    /// first use on a busy two-core machine (the tests' own calls keep their 10 s limit).
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = s_startTimeout };
        using var response = await http.PostAsJsonAsync("api/boards", new
        {
            title = "Warm-up",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType = "deployment",
            severity = 3,
            facilitatorName = "Warm-up",
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}: warm-up board was refused ({(int)response.StatusCode}):{Environment.NewLine}{Output}");
        }
    }

    public HttpClient Http() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crashed host.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Completes when a line of the server's output contains <paramref name="text"/> (already, or later).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_watches)
        {
            if (_output.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            _watches.Add((text, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_watches)
        {
            _output.Enqueue(line);
            foreach (var watch in _watches.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                watch.Seen.TrySetResult();
                _watches.Remove(watch);
            }
        }

        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
