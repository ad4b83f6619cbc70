using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// Meters are process-wide: every server of this test process publishes a "PostMortem.Board" meter, and the
/// exporter adds up instruments of the same name. This class runs alone (after the parallel tests), and its
/// counter assertions are on deltas, so no other test can make it pass or fail.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Process-wide metrics";
}

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task MetricsEndpointReportsTheBoardMetersOfASession()
    {
        // The exporter caches a scrape for 300 ms by default; here every read must be current.
        await using var server = new ServerFactory(null, services =>
            services.Configure<PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        using var http = server.NewHttpClient();
        using var deliveries = new DeliveryWatch(server.Services.GetRequiredService<IMeterFactory>());
        var before = await PrometheusScrape.ReadAsync(http);

        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        const int connections = 3; // the facilitator and two participants, joined
        var clients = new[] { board.Facilitator, board.Participants[0].Client, board.Participants[1].Client };
        var fromSeq = board.Replica().Seq;
        var mark = deliveries.Count;
        var accepted = 0;
        await board.AdvanceAsync(); // timeline
        accepted++;
        for (var i = 0; i < 4; i++)
        {
            var ack = await clients[i % connections].SubmitAsync(LiveBoard.Note($"n{i}", "event", $"thing {i}"));
            Assert.Equal("accepted", ack.Status);
            accepted++;
        }

        var seq = board.Replica().Seq;
        Assert.Equal(fromSeq + accepted, seq);
        // Every entry since the three joined reaches the three connections. The counter is added to just after
        // the fan-out, so a client can hold its entry a moment before: wait for the count itself.
        await deliveries.WaitForAsync(mark + (accepted * connections));
        foreach (var client in clients)
        {
            await client.WaitForSeqAsync(seq);
        }

        var after = await PrometheusScrape.ReadAsync(http);

        var appends = after.Since(before, "postmortem_board_appends_total");
        Assert.True(appends >= accepted, $"appends grew by {appends}, expected at least {accepted}");
        var delivered = after.Since(before, "postmortem_board_deliveries_total");
        Assert.True(delivered >= accepted * connections, $"deliveries grew by {delivered}, expected at least {accepted * connections}");
        var applied = after.Since(before, "postmortem_board_apply_lag_seconds_count");
        Assert.True(applied >= accepted, $"apply lag was recorded {applied} times, expected at least {accepted}");
        // The view that caps series per instrument keeps each histogram's own buckets (sub-millisecond first).
        Assert.Contains("postmortem_board_apply_lag_seconds_bucket{otel_scope_name=\"PostMortem.Board\",le=\"0.0005\"}", after.Text, StringComparison.Ordinal);
        Assert.Equal(connections, after.Value("postmortem_board_connections") - before.Value("postmortem_board_connections"));
        Assert.True(after.Value("postmortem_board_hosted") >= 1);
        // The gauge exists and is a count (the debounced snapshot may or may not have been saved yet).
        Assert.True(after.Value("postmortem_board_snapshot_unsaved_entries") >= 0);
        // ASP.NET Core's own meters are exported beside ours: the create and join requests, and SignalR's connections.
        Assert.True(after.Value("http_server_request_duration_seconds_count") >= 3);
        Assert.True(after.Value("signalr_server_active_connections") >= connections);
    }

    [Fact]
    public async Task MetricsEndpointCanBeTurnedOff()
    {
        await using var server = new ServerFactory(new Dictionary<string, string?> { ["Metrics:Prometheus"] = "false" });
        using var http = server.NewHttpClient();
        using var response = await http.GetAsync("metrics").WaitAsync(HubTestClient.Timeout);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(HubTestClient.Timeout);
        // The path falls through to the web client's fallback like any other unknown page.
        Assert.DoesNotContain("# TYPE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("postmortem_board", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void TracesAreCollectedOnlyWhenAnOtlpEndpointIsSet(string? endpoint, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [Telemetry.OtlpEndpointVariable] = endpoint })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPostMortemTelemetry(configuration);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(expected, provider.GetService<TracerProvider>() is not null);
    }

    /// <summary>Listens to this server's deliveries counter only (its meter factory is the meter's scope).</summary>
    private sealed class DeliveryWatch : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _lock = new();
        private long _count;
        private (long Target, TaskCompletionSource Reached)? _waiter;

        public DeliveryWatch(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == BoardMetrics.MeterName
                    && instrument.Name == "postmortem.board.deliveries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                lock (_lock)
                {
                    _count += value;
                    if (_waiter is { } w && _count >= w.Target)
                    {
                        w.Reached.TrySetResult();
                    }
                }
            });
            _listener.Start();
        }

        /// <summary>Deliveries counted since the watch started.</summary>
        public long Count
        {
            get
            {
                lock (_lock)
                {
                    return _count;
                }
            }
        }

        public async Task WaitForAsync(long delivered)
        {
            Task reached;
            lock (_lock)
            {
                var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiter = (delivered, tcs);
                if (_count >= delivered)
                {
                    tcs.TrySetResult();
                }

                reached = tcs.Task;
            }

            await reached.WaitAsync(HubTestClient.Timeout);
        }

        public void Dispose() => _listener.Dispose();
    }
}
