using PostMortem.Core.Commands;

namespace PostMortem.Core.Log;

/// <summary>
/// A command as the log ordered it. <see cref="Seq"/> is gapless per board, starting at 1, and
/// <see cref="At"/> is the server's clock when it was appended: the reducer's only notion of time.
/// </summary>
public sealed record LogEntry(long Seq, DateTimeOffset At, string ActorId, string ClientOpId, BoardCommand Command);

/// <summary>A command the server has authorised and is about to append (sequence not yet known).</summary>
public sealed record PendingEntry(string ActorId, string ClientOpId, BoardCommand Command);
