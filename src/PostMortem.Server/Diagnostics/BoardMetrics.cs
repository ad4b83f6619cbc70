using System.Diagnostics;
using System.Diagnostics.Metrics;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Diagnostics;

/// <summary>
/// The board's own instruments (docs/OPERATIONS.md lists each with its healthy value and alert). Instrument
/// names and units are part of the operations contract: dashboards and alerts use them, so never rename one.
/// Every counting call is a lock-free add on the hot path; the gauges are read only when a scrape or an
/// export asks.
/// </summary>
internal sealed class BoardMetrics
{
    public const string MeterName = "PostMortem.Board";

    // Seconds, as OpenTelemetry's duration convention asks. The default buckets (0..10000) suit milliseconds;
    // these span what the board cares about: sub-millisecond local applies up to the multi-second stalls an alert wants.
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _appends;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _gapFills;
    private readonly Counter<long> _shed;
    private readonly Histogram<double> _applyLag;
    private readonly Histogram<double> _redisAppend;
    private readonly TimeProvider _clock;
    private BoardRegistry? _registry;

    public BoardMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        _clock = clock;
        var meter = meterFactory.Create(MeterName);
        _appends = meter.CreateCounter<long>("postmortem.board.appends", "{entry}",
            "Entries appended to the board log by this instance (accepted commands and board creations).");
        _deliveries = meter.CreateCounter<long>("postmortem.board.deliveries", "{entry}",
            "Entries queued to this instance's connections (one per entry per connection).");
        _gapFills = meter.CreateCounter<long>("postmortem.board.gap_fills", "{gap}",
            "Times a replica saw an entry ahead of the next one it expected and read the missing ones from the log.");
        _shed = meter.CreateCounter<long>("postmortem.board.commands_shed", "{command}",
            "Commands refused at once with \"unavailable\" and a retry-after because this instance was over a limit (Limits:SubmitsInFlight, Database:JournalMaxQueued).");
        _applyLag = meter.CreateHistogram<double>("postmortem.board.apply_lag", "s",
            "From an entry's log timestamp to this instance applying it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _redisAppend = meter.CreateHistogram<double>("postmortem.redis.append.duration", "s",
            "Round trip of the Redis append script (Redis mode only), failures included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("postmortem.board.connections", () => _registry?.ConnectionCount ?? 0, "{connection}",
            "Connections joined to a board on this instance (a participant with two tabs counts twice).");
        meter.CreateObservableGauge("postmortem.board.hosted", () => _registry?.LoadedCount ?? 0, "{board}",
            "Board replicas loaded in memory on this instance.");
        meter.CreateObservableGauge("postmortem.board.snapshot.unsaved_entries", () => _registry?.MostUnsavedEntries ?? 0L, "{entry}",
            "Largest number of entries any hosted board has applied since its last durable snapshot.");
    }

    /// <summary>The gauges read the registry; it registers itself here (the registry also hands this to its hosts).</summary>
    public void Observe(BoardRegistry registry) => _registry = registry;

    public void Appended() => _appends.Add(1);

    public void Delivered(int count)
    {
        if (count > 0)
        {
            _deliveries.Add(count);
        }
    }

    public void GapFilled() => _gapFills.Add(1);

    public void Shed() => _shed.Add(1);

    /// <summary>The entry's timestamp is the log's clock (Redis' TIME in Redis mode): across instances this
    /// includes clock skew, so a small negative lag is recorded as zero.</summary>
    public void Applied(DateTimeOffset entryAt) =>
        _applyLag.Record(Math.Max(0, (_clock.GetUtcNow() - entryAt).TotalSeconds));

    /// <param name="startedAt">A <see cref="Stopwatch.GetTimestamp"/> taken before the call.</param>
    public void RedisAppendDone(long startedAt) => _redisAppend.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
}
