using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PostMortem.Data.Tests;

/// <summary>
/// The built server (src/PostMortem.Server's own output, as `dotnet PostMortem.Server.dll`) as a child
/// process on a free loopback port over a given data folder, so a test can SIGKILL it.
/// </summary>
internal sealed partial class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public static async Task<ChildServer> StartAsync(string dataFolder, params string[] extraArguments)
    {
        var dll = ServerDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            dll, "--urls", "http://127.0.0.1:0", "--Data:Folder", dataFolder, "--Limits:HttpWritesPerMinute", "0",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                // Stdout ended: the process is exiting. WaitForExitAsync also waits for stderr to drain,
                // so the message that explains the exit is in the output.
                _ = Task.Run(async () =>
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                    listening.TrySetException(new InvalidOperationException("the server exited:\n" + string.Join('\n', output)));
                });
                return;
            }

            output.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ChildServer(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed that was not already durable.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true); // SIGKILL on Unix
        await _process.WaitForExitAsync().Within();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    /// <summary>src/PostMortem.Server/bin/{Debug|Release}/net10.0/PostMortem.Server.dll, built with this test project.</summary>
    private static string ServerDll()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostMortem.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "PostMortem.Server", "bin", configuration, "net10.0", "PostMortem.Server.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first (it is a reference of this test project).", dll);
            }
        }

        throw new DirectoryNotFoundException("PostMortem.sln not found above " + baseDir);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
