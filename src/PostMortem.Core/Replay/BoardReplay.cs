using PostMortem.Core.Internal;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Replay;

/// <summary>
/// A board's whole session, rebuilt from its ordered log (seq 1 on; the log is never trimmed). The board at any seq is the
/// nearest checkpoint before it plus at most <see cref="CheckpointEvery"/> − 1 entries applied with Core's reducer, so a
/// frame costs the same wherever it is. Checkpoints are Core's canonical state JSON: a frame starts from its own copy.
/// Immutable once built: one instance may answer many requests at once.
/// </summary>
public sealed class BoardReplay
{
    /// <summary>A checkpoint every this many entries.</summary>
    public const int CheckpointEvery = 64;

    /// <summary>How many steps up to the frame's seq "What changed here" lists.</summary>
    public const int RecentSteps = 30;

    /// <summary>The viewer a replay's frames are built for: a read-link holder, never a participant.</summary>
    public const string ReaderId = "reader";

    private readonly IReadOnlyList<LogEntry> _entries;
    private readonly IReadOnlyList<string> _checkpoints;
    private readonly IReadOnlyList<ReplayStep> _steps;
    private readonly Lazy<IReadOnlyList<ReplayStep>> _stepsAsRoles;
    private readonly NameMasks _masks;

    private BoardReplay(
        string boardId, IReadOnlyList<LogEntry> entries, IReadOnlyList<string> checkpoints, IReadOnlyList<ReplayStep> steps,
        IReadOnlyList<ReplayMark> marks, NameMasks masks)
    {
        BoardId = boardId;
        _entries = entries;
        _checkpoints = checkpoints;
        _steps = steps;
        Marks = marks;
        Times = [.. entries.Select(e => e.At)];
        _masks = masks;
        // Told again with roles only when someone asks: most openings never do, and it costs a second pass.
        _stepsAsRoles = new Lazy<IReadOnlyList<ReplayStep>>(() => Tell(boardId, entries, new ReplayNarration(masks)));
    }

    public string BoardId { get; }

    /// <summary>The last seq of the session: the scrubber's end.</summary>
    public long LastSeq => _entries.Count;

    /// <summary>Where each phase began and where the board was locked (closed) or unlocked, in seq order.</summary>
    public IReadOnlyList<ReplayMark> Marks { get; }

    /// <summary>When each entry was appended (index = seq − 1): the meeting's own time, for playing it back.</summary>
    public IReadOnlyList<DateTimeOffset> Times { get; }

    /// <summary>Every entry told in words, in seq order (index = seq − 1).</summary>
    public IReadOnlyList<ReplayStep> Steps(bool namesAsRoles) => namesAsRoles ? _stepsAsRoles.Value : _steps;

    /// <summary>
    /// Builds the replay from the board's entries in order from seq 1. Throws <see cref="ArgumentException"/> when the
    /// entries do not start at 1 or have a gap: a replay of part of a session would show a board that never was.
    /// </summary>
    public static BoardReplay Build(string boardId, IReadOnlyList<LogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Seq != i + 1)
            {
                throw new ArgumentException($"entry {i + 1} of board {boardId} has seq {entries[i].Seq}: a replay needs every entry from seq 1", nameof(entries));
            }
        }

        var plain = new ReplayNarration(null);
        var board = Board.Empty(boardId);
        var checkpoints = new List<string> { CoreJson.SerializeState(board.State) };
        var steps = new List<ReplayStep>(entries.Count);
        var marks = new List<ReplayMark>();
        foreach (var entry in entries)
        {
            var phase = board.State.Meta.Phase;
            var locked = board.State.Meta.BoardLocked;
            var created = board.State.Meta.Created;
            steps.Add(plain.ApplyAndTell(board, entry).Step);
            Mark(marks, board.State.Meta, entry, created, phase, locked);
            if (entry.Seq % CheckpointEvery == 0)
            {
                checkpoints.Add(CoreJson.SerializeState(board.State));
            }
        }

        // Names are replaced as the board knew its people in the end: the same person keeps one role along the scrubber.
        return new BoardReplay(boardId, [.. entries], checkpoints, steps, marks, NameMasks.For(board.State));
    }

    private static List<ReplayStep> Tell(string boardId, IReadOnlyList<LogEntry> entries, ReplayNarration narration)
    {
        var board = Board.Empty(boardId);
        var steps = new List<ReplayStep>(entries.Count);
        foreach (var entry in entries)
        {
            steps.Add(narration.ApplyAndTell(board, entry).Step);
        }

        return steps;
    }

    private static void Mark(List<ReplayMark> marks, BoardMeta meta, LogEntry entry, bool wasCreated, Phase phase, bool wasLocked)
    {
        if (!wasCreated && meta.Created)
        {
            marks.Add(new ReplayMark(entry.Seq, entry.At, ReplayMarkKind.Created, meta.Phase, "Created · " + ReplayNarration.PhaseName(meta.Phase)));
        }
        else if (wasCreated && meta.Phase != phase)
        {
            marks.Add(new ReplayMark(entry.Seq, entry.At, ReplayMarkKind.PhaseBegan, meta.Phase, ReplayNarration.PhaseName(meta.Phase)));
        }

        if (!wasLocked && meta.BoardLocked)
        {
            marks.Add(new ReplayMark(entry.Seq, entry.At, ReplayMarkKind.BoardLocked, meta.Phase, "Board locked"));
        }
        else if (wasLocked && !meta.BoardLocked)
        {
            marks.Add(new ReplayMark(entry.Seq, entry.At, ReplayMarkKind.BoardUnlocked, meta.Phase, "Board unlocked"));
        }
    }

    /// <summary>The seq a requested position means: the end when none is given, else clamped to 1..<see cref="LastSeq"/>.</summary>
    public long Clamp(long? seq) => seq is not { } s || s > LastSeq ? LastSeq : Math.Max(Math.Min(1, LastSeq), s);

    /// <summary>A replica of the board at <paramref name="seq"/> (0 … <see cref="LastSeq"/>): a checkpoint plus at most
    /// <see cref="CheckpointEvery"/> − 1 entries. The caller owns it.</summary>
    public Board BoardAt(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, LastSeq);
        var checkpoint = (int)(seq / CheckpointEvery);
        var board = Board.FromSnapshot(new BoardSnapshot(BoardId, checkpoint * (long)CheckpointEvery, _checkpoints[checkpoint], ""));
        for (var s = (checkpoint * (long)CheckpointEvery) + 1; s <= seq; s++)
        {
            board.Apply(_entries[(int)s - 1]);
        }

        return board;
    }

    /// <summary>
    /// The board at <paramref name="seq"/> as a reader saw it — Core's view for <see cref="ReaderId"/>, so others' votes
    /// and tallies only from their reveal on — with the steps up to it; names replaced by roles when asked.
    /// </summary>
    public ReplayFrame FrameAt(long seq, bool namesAsRoles)
    {
        var at = Clamp(seq);
        var view = BoardAt(at).ViewFor(ReaderId);
        if (namesAsRoles)
        {
            view = ReplayMasking.Mask(view, _masks);
        }

        var steps = Steps(namesAsRoles);
        var from = (int)Math.Max(0, at - RecentSteps);
        var recent = steps.Skip(from).Take((int)at - from).ToList();
        return new ReplayFrame(BoardId, at, LastSeq, at == 0 ? default : _entries[(int)at - 1].At, namesAsRoles, view, recent.LastOrDefault(), recent);
    }
}
