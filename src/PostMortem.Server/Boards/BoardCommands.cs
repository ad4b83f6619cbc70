using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Data.Journal;
using PostMortem.Data.Storage;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;

namespace PostMortem.Server.Boards;

/// <summary>The one way a command reaches a board: append to the log, then await this instance's replica
/// applying it (the outcome is the replica's, not a guess).</summary>
internal sealed class BoardCommands(IBoardLog log, IOptions<LimitsOptions> limits, TimeProvider clock, BoardMetrics? metrics = null)
{
    private readonly SubmitAdmission _admission = new(limits);

    /// <summary>Commands between arrival and answer on this instance now (for tests and diagnostics).</summary>
    public int InFlight => _admission.InFlight;

    /// <summary>
    /// The one way a request becomes a log entry: Core's <see cref="Board.Decide"/> answers a duplicate
    /// (with the original seq) or a certain rejection without a log write, so it leaves no trace; anything
    /// else is appended and the replica's outcome awaited. Seq is the entry's, or the original's for a duplicate,
    /// and null when nothing was appended. Over <c>Limits:SubmitsInFlight</c>, or when the journal's queue is full,
    /// it throws <see cref="BoardOverloadedException"/> at once and nothing is decided or stored.
    /// </summary>
    public async Task<(Outcome Outcome, long? Seq)> RunAsync(BoardHost host, PendingEntry pending, CancellationToken cancellationToken)
    {
        if (!_admission.TryEnter())
        {
            metrics?.Shed();
            throw new BoardOverloadedException($"This server holds {limits.Value.SubmitsInFlight} commands already.", _admission.RetryAfter());
        }

        try
        {
            return await DecideAndAppendAsync(host, pending, cancellationToken);
        }
        finally
        {
            _admission.Exit();
        }
    }

    private async Task<(Outcome Outcome, long? Seq)> DecideAndAppendAsync(BoardHost host, PendingEntry pending, CancellationToken cancellationToken)
    {
        var decision = host.Read(board => board.Decide(pending.ActorId, pending.ClientOpId, pending.Command, clock.GetUtcNow()));
        if (decision.Kind != DecisionKind.Append)
        {
            return (decision.ToOutcome(), decision.DuplicateOfSeq);
        }

        var applied = await AppendAsync(host, pending, cancellationToken);
        var outcome = applied.Outcome;
        return (outcome, outcome.Status == OutcomeStatus.Duplicate ? outcome.DuplicateOfSeq : applied.Seq);
    }

    /// <summary>
    /// Appends without deciding and waits: product writers go through <see cref="RunAsync"/>; tests use this to put
    /// an entry in the log whatever Core would say of it (a rejected entry still takes a seq). Appends and waits for the outcome. Throws <see cref="TimeoutException"/> when the replica does not apply
    /// the entry in time (the entry is in the log and will still apply).
    /// </summary>
    public async Task<AppliedEntry> AppendAsync(BoardHost host, PendingEntry pending, CancellationToken cancellationToken)
    {
        // Not cancellable once started: an append either happens whole or not at all.
        LogEntry entry;
        try
        {
            entry = await log.AppendAsync(host.BoardId, pending, CancellationToken.None);
            metrics?.Appended();
        }
        catch (StorageUnavailableException ex) when (ex.InnerException is JournalOverloadedException)
        {
            // The journal sheds rather than queueing without bound: nothing was stored, a retry later is safe.
            metrics?.Shed();
            throw new BoardOverloadedException("The journal's queue is full.", _admission.RetryAfter(), ex);
        }
        catch (Exception ex) when (ex is BoardLogUnavailableException or StorageUnavailableException)
        {
            // Redis is restarting or unreachable, or the journal could not store the entry (nothing was appended):
            // a retryable "unavailable" for the caller.
            throw new BoardUnavailableException(host.BoardId, ex);
        }

        var applied = await host.WaitForAppliedAsync(entry.Seq, limits.Value.ApplyTimeout, cancellationToken)
            ?? throw new TimeoutException($"Entry {entry.Seq} of board {host.BoardId} was applied but is no longer held.");
        if (!IsOwnEntry(applied.Entry, pending))
        {
            // The replica applied another entry under this number: Redis lost writes and gave the number again, and the
            // replica and the log disagree until the feed repairs them. That outcome is someone else's; the caller
            // retries with the same clientOpId and then gets its own (or "duplicate" with its entry's seq).
            throw new BoardUnavailableException(host.BoardId, null);
        }

        return applied;
    }

    /// <summary>An ack describes the sender's own entry: the one with its actor and clientOpId, never whatever holds the seq.</summary>
    internal static bool IsOwnEntry(LogEntry applied, PendingEntry pending) =>
        string.Equals(applied.ActorId, pending.ActorId, StringComparison.Ordinal)
        && string.Equals(applied.ClientOpId, pending.ClientOpId, StringComparison.Ordinal);
}
