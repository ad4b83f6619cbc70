using System.Text.Json;
using PostMortem.Core;
using PostMortem.Server.Boards;
using PostMortem.Server.Hubs;

namespace PostMortem.Server.Presence;

/// <summary>
/// One board's presence on this instance (rule R10: best effort, never logged): coalesces this instance's
/// cursor and drag updates (<see cref="PresenceMixer"/>), sends each batch to the board's connections on every
/// instance (<see cref="IPresenceBroadcast"/>), and remembers everyone's latest presence for newcomers.
/// Lock order: the replica's lock may be held when this class's lock is taken, never the other way round.
/// </summary>
internal sealed class BoardPresence : IDisposable
{
    /// <summary>Presence older than this is not passed to a newcomer (clients heartbeat every 10 s; they show "away" after 25 s).</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly string _boardId;
    private readonly TimeProvider _clock;
    private readonly BoardAudience _audience;
    private readonly IPresenceBroadcast _broadcast;
    private readonly PresenceMixer _mixer;
    /// <summary>Each participant's latest presence and when it passed through here (guarded by _gate).</summary>
    private readonly Dictionary<string, (PresenceUpdate Update, long At)> _latest = new(StringComparer.Ordinal);

    public BoardPresence(string boardId, TimeProvider clock, TimeSpan interval, BoardAudience audience, IPresenceBroadcast broadcast)
    {
        _boardId = boardId;
        _clock = clock;
        _audience = audience;
        _broadcast = broadcast;
        _mixer = new PresenceMixer(clock, interval, Send);
    }

    /// <summary>An update from a connection on this instance; it joins the board's next batch.</summary>
    public void Add(PresenceUpdate update) => _mixer.Add(update);

    /// <summary>The latest presence of the board's other active participants, seen recently, encoded as one
    /// batch for a newcomer; null when there is none. <paramref name="board"/> is read under the replica's lock.</summary>
    public RawJson? RecentFor(string participantId, Board board)
    {
        List<PresenceUpdate>? recent = null;
        lock (_gate)
        {
            foreach (var (id, seen) in _latest)
            {
                if (!string.Equals(id, participantId, StringComparison.Ordinal) && _clock.GetElapsedTime(seen.At) < Memory
                    && seen.Update.Kind != PresenceKinds.Left && board.IsActiveParticipant(id))
                {
                    (recent ??= []).Add(seen.Update);
                }
            }
        }

        return recent is null ? null : Encode(new PresenceBatch(recent));
    }

    /// <summary>
    /// Sends a batch of this instance's movers to the board's group. The connections here of a participant who is
    /// the batch's only mover get nothing (their own cursor is not news); everyone else gets the same bytes and a
    /// client skips its own participant's update (docs/PROTOCOL.md, "presence").
    /// </summary>
    private void Send(PresenceBatch batch)
    {
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            foreach (var update in batch.Updates)
            {
                _latest[update.ParticipantId] = (update, now);
            }
        }

        List<string>? except = null;
        if (batch.Updates.Count == 1)
        {
            var onlyMover = batch.Updates[0].ParticipantId;
            foreach (var session in _audience.Current())
            {
                if (string.Equals(session.ParticipantId, onlyMover, StringComparison.Ordinal))
                {
                    (except ??= []).Add(session.ConnectionId);
                }
            }
        }

        _broadcast.Send(_boardId, Encode(batch), except ?? (IReadOnlyList<string>)[]);
    }

    private static RawJson Encode(PresenceBatch batch) =>
        new(JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.PresenceBatch));

    public void Dispose() => _mixer.Dispose();
}
