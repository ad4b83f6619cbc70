using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Protocol;
using PostMortem.Data;
using PostMortem.Data.Tests;
using PostMortem.Server.Boards;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// Overload sheds instead of queueing: over a limit a command is answered at once with "unavailable" and a
/// retry-after, nothing is decided or stored, and the same clientOpId goes through once there is room. The server is
/// held up by a real lock on its SQLite file (another connection's write transaction), so which commands are waiting
/// is known without any timing: with room for one, of two commands on two boards exactly one waits and one is shed.
/// </summary>
public sealed class OverloadTests
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task ACommandOverTheInFlightLimitIsShedWithARetryAfterAndGoesThroughOnceThereIsRoom() =>
        await OneOfTwoIsShedAsync(new Dictionary<string, string?> { ["Limits:SubmitsInFlight"] = "1" });

    [Fact]
    public async Task ACommandTheJournalHasNoRoomForIsShedWithARetryAfterAndGoesThroughOnceThereIsRoom() =>
        await OneOfTwoIsShedAsync(new Dictionary<string, string?> { ["Database:JournalMaxQueued"] = "1" });

    [Fact]
    public void SubmitsInFlightAndShedRetryAfterMustBeSensible()
    {
        foreach (var (key, value) in new[] { ("Limits:SubmitsInFlight", "0"), ("Limits:ShedRetryAfter", "00:00:00") })
        {
            using var server = new ServerFactory(new Dictionary<string, string?> { [key] = value });
            var error = Assert.ThrowsAny<Exception>(() => server.BaseAddress);
            Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
        }
    }

    private static async Task OneOfTwoIsShedAsync(Dictionary<string, string?> limit)
    {
        limit["Limits:ShedRetryAfter"] = RetryAfter.ToString("c", CultureInfo.InvariantCulture);
        await using var server = new ServerFactory(limit);
        await using var first = await LiveBoard.StartAsync(server, "Ana");
        await using var second = await LiveBoard.StartAsync(server, "Ben");
        await first.AdvanceAsync();
        await second.AdvanceAsync();
        var boards = new[] { first, second };
        var before = boards.Select(b => b.Replica()).ToArray();
        var opIds = new[] { HubTestClient.NewOpId(), HubTestClient.NewOpId() };
        var notes = new[] { LiveBoard.Note("a1", "event", "deploy started"), LiveBoard.Note("b1", "event", "alert fired") };

        Task<Ack>[] submits;
        Ack shed;
        using (await WriteLockAsync(server))
        {
            submits = [.. boards.Select((b, i) => b.Participants[0].Client.SubmitAsync(notes[i], opIds[i]))];
            // Nothing can be stored while the lock is held, so the first answer is the shed one, and it comes now.
            shed = await await Task.WhenAny(submits).WaitAsync(HubTestClient.Timeout);
            Assert.Equal(1, server.Services.GetRequiredService<BoardCommands>().InFlight); // the other one waits, held
        }

        var shedIndex = Array.IndexOf(opIds, shed.ClientOpId);
        Assert.InRange(shedIndex, 0, 1);
        Assert.Equal(AckStatus.Rejected, shed.Status);
        Assert.Equal(ServerCodes.Unavailable, shed.Code);
        Assert.Null(shed.Seq);
        Assert.False(string.IsNullOrWhiteSpace(shed.Message));
        Assert.InRange(shed.RetryAfterMs!.Value, (long)RetryAfter.TotalMilliseconds, (long)(RetryAfter.TotalMilliseconds * 1.5) + 1);
        Assert.Equal(before[shedIndex], boards[shedIndex].Replica()); // nothing decided, nothing stored

        // The waiting one goes through once the lock is gone; the shed one goes through when sent again.
        var waited = await submits[1 - shedIndex].WaitAsync(HubTestClient.Timeout);
        Assert.Equal(AckStatus.Accepted, waited.Status);
        var retried = await boards[shedIndex].Participants[0].Client.SubmitAsync(notes[shedIndex], opIds[shedIndex]);
        Assert.Equal(AckStatus.Accepted, retried.Status);
        Assert.Equal(before[shedIndex].Seq + 1, retried.Seq);
        Assert.All(boards, b => Assert.Single(b.Host.Read(x => x.State.Notes)));
        Assert.Equal(0, server.Services.GetRequiredService<BoardCommands>().InFlight);
    }

    /// <summary>Another connection holding the server database's write lock until disposed (rolled back).</summary>
    private static async Task<IDisposable> WriteLockAsync(ServerFactory server) =>
        await SqliteWriteLock.HoldAsync(Path.Combine(server.DataFolder, DatabaseOptions.DefaultSqliteFileName));
}
