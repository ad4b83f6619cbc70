using System.Diagnostics;
using System.Globalization;
using PostMortem.Data.Journal;
using Xunit.Abstractions;

namespace PostMortem.Data.Tests;

/// <summary>
/// Measures journal appends per second (a figure for docs/PERSISTENCE.md, never asserted: tests do not
/// assert timings). Runs only when asked:
/// POSTMORTEM_BENCH_JOURNAL=1 dotnet test tests/PostMortem.Data.Tests --filter JournalThroughput --logger "console;verbosity=detailed"
/// </summary>
public sealed class JournalThroughputBenchmark(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [BenchmarkFact]
    public async Task JournalThroughput()
    {
        foreach (var synchronous in new[] { "Full", "Normal" })
        {
            foreach (var (boards, perBoard) in new[] { (1, 2000), (10, 1000), (100, 200), (1000, 20) })
            {
                var folder = Path.Combine(_folder.Path, $"{synchronous}-{boards}");
                await using var data = await DataServices.StartAsync(folder, new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = synchronous });
                var journal = data.Get<EntryJournal>();
                var ids = Enumerable.Range(0, boards).Select(_ => Guid.NewGuid().ToString()).ToList();

                var clock = Stopwatch.StartNew();
                // Each board appends in order and waits for durability before its next entry, as the
                // embedded log does; boards run concurrently.
                await Task.WhenAll(ids.Select(id => Task.Run(async () =>
                {
                    for (var seq = 1; seq <= perBoard; seq++)
                    {
                        await journal.AppendAsync(id, EntryJournalContract.Entry(seq), CancellationToken.None);
                    }
                }))).WaitAsync(TimeSpan.FromMinutes(5));
                clock.Stop();

                var total = boards * perBoard;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"synchronous={synchronous,-6} boards={boards,5} entries={total,6} time={clock.Elapsed.TotalSeconds,6:0.00}s appends/s={total / clock.Elapsed.TotalSeconds,8:0}"));
                Assert.Equal(perBoard, await journal.LastSeqAsync(ids[^1], CancellationToken.None).Within());
            }

            // One busy board whose log hands entries over in order without waiting for each commit
            // (AppendAsync queues synchronously, so order holds), awaiting durability only before
            // each outcome is sent.
            {
                await using var data = await DataServices.StartAsync(Path.Combine(_folder.Path, $"{synchronous}-pipelined"),
                    new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = synchronous });
                var journal = data.Get<EntryJournal>();
                var id = Guid.NewGuid().ToString();
                const int total = 20000;
                var clock = Stopwatch.StartNew();
                var pending = new List<Task>(total);
                for (var seq = 1; seq <= total; seq++)
                {
                    pending.Add(journal.AppendAsync(id, EntryJournalContract.Entry(seq), CancellationToken.None));
                }

                await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(5));
                clock.Stop();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"synchronous={synchronous,-6} boards=    1 entries={total,6} time={clock.Elapsed.TotalSeconds,6:0.00}s appends/s={total / clock.Elapsed.TotalSeconds,8:0} (pipelined)"));
                Assert.Equal(total, await journal.LastSeqAsync(id, CancellationToken.None).Within());
            }
        }
    }
}

internal sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("POSTMORTEM_BENCH_JOURNAL") != "1")
        {
            Skip = "Benchmark: set POSTMORTEM_BENCH_JOURNAL=1 to run.";
        }
    }
}
