using PostMortem.Core.Model;

namespace PostMortem.Core.Replay;

/// <summary>One entry of the log as the replay tells it: who did what, in words a reader may see.</summary>
/// <param name="Who">The participant's name; their role when names are replaced by roles; "Someone" when the author is
/// hidden on an anonymous board; "A reader" for a read-link holder.</param>
/// <param name="What">What they did ("added a timeline event “…”", "cast a vote"): a vote never names its target.</param>
/// <param name="Refused">The board refused the entry (or it repeated one already applied): it changed nothing.</param>
public sealed record ReplayStep(long Seq, DateTimeOffset At, string Who, string What, bool Refused)
{
    /// <summary>The step as one sentence: "Alice added a timeline event “…”".</summary>
    public string Sentence => Who + " " + What;
}

/// <summary>What a mark on the scrubber stands for.</summary>
public enum ReplayMarkKind
{
    /// <summary>The board was created (the meeting starts in its first phase).</summary>
    Created,
    /// <summary>The meeting moved to <see cref="ReplayMark.Phase"/> (forward or back).</summary>
    PhaseBegan,
    /// <summary>The facilitator locked the board: the meeting closed.</summary>
    BoardLocked,
    /// <summary>The facilitator unlocked the board again.</summary>
    BoardUnlocked,
}

/// <summary>A place on the scrubber: the seq where a phase began, or the board was locked (closed) or unlocked.</summary>
public sealed record ReplayMark(long Seq, DateTimeOffset At, ReplayMarkKind Kind, Phase Phase, string Label);

/// <summary>
/// The board at one seq as a reader saw it, with what happened up to then. Built by <see cref="BoardReplay.FrameAt"/>:
/// the view is Core's per-viewer view (secret votes withheld until their reveal), with names replaced by roles when
/// asked (participants, texts, owners).
/// </summary>
/// <param name="Recent">The last steps up to <see cref="Seq"/>, oldest first; the last one is the current one.</param>
public sealed record ReplayFrame(
    string BoardId,
    long Seq,
    long LastSeq,
    DateTimeOffset At,
    bool NamesAsRoles,
    BoardView View,
    ReplayStep? Current,
    IReadOnlyList<ReplayStep> Recent);
