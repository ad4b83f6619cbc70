using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace PostMortem.Data.Tests;

/// <summary>
/// Health that tells the truth: the real server on a real, small tmpfs that the test fills up. Storage write
/// failures turn /healthz to 503 with the reason and board creation to 503 unavailable with Retry-After; both
/// recover by themselves when space returns. Needs root (to mount); skipped with that reason otherwise.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "postmortem-full-disk", Guid.NewGuid().ToString("N"));
    private bool _mounted;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_mounted)
        {
            Run("umount", _mount);
        }

        Directory.Delete(_mount, recursive: true);
    }

    [RootFact]
    public async Task AFullDiskTurnsHealthAndBoardCreationTo503AndBothRecoverWhenSpaceReturns()
    {
        Directory.CreateDirectory(_mount);
        Run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", _mount);
        _mounted = true;
        await using var app = AppServer.Start(_mount);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/healthz").Within()).StatusCode);
        await app.CreateBoardAsync("Before the disk filled up", WorkedExample.ChangeDeployed);

        var filler = Path.Combine(_mount, "filler");
        FillDisk(filler);

        // SQLite's write-ahead log may still hold a little reusable room, so a write or two can succeed on a
        // full disk; the first one that needs new space must be refused — as a retryable 503, not a 500.
        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 20 && refused is null; attempt++)
        {
            var response = await CreateAsync(app.Http, $"On a full disk {attempt}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                response.Dispose();
                continue;
            }

            refused = response;
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("unavailable", (string)(await AppServer.ReadJsonAsync(refused))["code"]!);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        }

        using (var health = await app.Http.GetAsync("/healthz").Within())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var body = await AppServer.ReadJsonAsync(health);
            Assert.Equal("unhealthy", (string)body["checks"]!["storage"]!);
            Assert.Contains("full", (string)body["reasons"]!["storage"]!, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(health.Headers.RetryAfter);
        }

        // Space returns: health notices on its own (a probe write), and boards can be created again.
        File.Delete(filler);
        using (var health = await app.Http.GetAsync("/healthz").Within())
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Null((await AppServer.ReadJsonAsync(health))["reasons"]);
        }

        using var created = await CreateAsync(app.Http, "After space returned");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient http, string title) =>
        http.PostAsJsonAsync("/api/boards", new { title, incidentAt = WorkedExample.ChangeDeployed, incidentType = "Integration", severity = 2, facilitatorName = "Fran" }).Within();

    /// <summary>Writes until the file system refuses: nothing is left for the database.</summary>
    private static void FillDisk(string path)
    {
        var chunk = new byte[16 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                file.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. Top up the last bytes a 16 KB chunk could not take.
        }

        try
        {
            while (true)
            {
                file.Write(chunk.AsSpan(0, 1));
            }
        }
        catch (IOException)
        {
            // Not a byte left.
        }
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: {error}");
    }
}

/// <summary>A fact that needs root (to mount a file system); skipped, with that reason, for anyone else.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !IsRoot())
        {
            Skip = "Needs root on Linux to mount a small tmpfs and fill it.";
        }
    }

    private static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
        && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..];
}
