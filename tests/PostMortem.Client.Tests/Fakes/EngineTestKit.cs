using Microsoft.Extensions.Time.Testing;
using PostMortem.Client.Storage;

namespace PostMortem.Client.Tests.Fakes;

/// <summary>A fake clock, a fake board server, and engines on fake connections to it.</summary>
internal sealed class EngineTestKit
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private int _ids;

    public EngineTestKit()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        Server = new FakeBoardServer(Time);
    }

    public FakeTimeProvider Time { get; }

    public FakeBoardServer Server { get; }

    public InMemoryKeyValueStorage Storage { get; } = new();

    public BoardSyncEngine Engine(FakeTransport transport, string? participantId = null, string opPrefix = "op") => new(transport, new BoardSyncOptions
    {
        BoardId = Server.BoardId,
        ParticipantId = participantId ?? transport.ParticipantId,
        TimeProvider = Time,
        Storage = Storage,
        NewClientOpId = () => $"{opPrefix}-{Interlocked.Increment(ref _ids)}",
        GapTimeout = TimeSpan.FromSeconds(1),
        ReconnectDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
        OfflineAfterAttempts = 2,
        PingInterval = TimeSpan.FromSeconds(30),
        RetryDelay = TimeSpan.FromSeconds(1),
    });

    /// <summary>An engine for <paramref name="participantId"/>, started and joined.</summary>
    public async Task<(BoardSyncEngine Engine, FakeTransport Transport)> JoinedAsync(string participantId = FakeBoardServer.Alice)
    {
        var transport = Server.Connect(participantId);
        var engine = Engine(transport);
        await engine.StartAsync().WaitAsync(WaitLimit);
        await Until(engine, () => engine.Status == ConnectionStatus.Connected, "connected");
        return (engine, transport);
    }

    /// <summary>Waits (with a timeout) until <paramref name="condition"/> holds, re-checking whenever the engine changes.</summary>
    public static async Task Until(BoardSyncEngine engine, Func<bool> condition, string what)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        }

        engine.Changed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out waiting for: {what} (status {engine.Status}, seq {engine.LastSeq}, pending {engine.PendingCount})");
        }
        finally
        {
            engine.Changed -= Check;
        }
    }

    public static string Json(BoardSyncEngine engine) => FakeBoardServer.Json(engine.View ?? throw new InvalidOperationException("no view yet"));
}
