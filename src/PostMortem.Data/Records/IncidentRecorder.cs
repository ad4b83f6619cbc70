using Microsoft.EntityFrameworkCore;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Records;

/// <summary>
/// Writes a board's incident-log record from Core's write-up. The record is written whole (the
/// post-mortem row and its actions, factors and sign-offs) and only over a record built from an earlier
/// board state, so instances that apply the same entries may all write it and the newest state wins.
/// </summary>
public sealed class IncidentRecorder(IDbContextFactory<PostMortemDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Whether an applied entry changes the incident log: the board being locked (the meeting's close),
    /// and anything accepted on a board that is locked or was closed before — follow-up after the
    /// meeting (action status, acknowledgements, sign-offs) lands on a closed board.
    /// </summary>
    public static bool ShouldRecord(Board board, LogEntry entry, Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.IsAccepted)
        {
            return false;
        }

        var meta = board.State.Meta;
        return entry.Command is LockBoard || meta.BoardLocked || meta.ClosedAt is not null;
    }

    /// <summary>Writes the board's record as of its current state. Returns false when a record from the
    /// same or a later board state is stored already.</summary>
    public Task<bool> RecordAsync(Board board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        return WriteAsync(BuildRecord(board), cancellationToken);
    }

    /// <summary>The record of the board as it is now (Core's write-up plus acknowledgement times). CPU only.</summary>
    public IncidentRecord BuildRecord(Board board)
    {
        var writeUp = board.WriteUp();
        var notes = board.State.Notes;
        var actions = writeUp.Actions.Select((a, i) => new ActionRecord
        {
            BoardId = writeUp.BoardId,
            NoteId = a.NoteId,
            Position = i,
            Text = a.Text,
            Owner = a.Owner,
            DueDate = a.DueDate,
            Kind = a.Kind,
            Status = a.Status,
            AcknowledgedAt = notes.TryGetValue(a.NoteId, out var note) ? note.Action?.AcknowledgedAt : null,
            TrackerUrl = a.TrackerUrl,
            Votes = a.Votes,
            DoneAt = note?.Action?.DoneAt?.ToUniversalTime(),
        }).ToList();

        return new IncidentRecord
        {
            BoardId = writeUp.BoardId,
            Title = writeUp.Title,
            IncidentAt = writeUp.IncidentAt.ToUniversalTime(),
            IncidentDate = LocalDate(writeUp.IncidentAt, writeUp.TimeZone),
            TimeZone = writeUp.TimeZone,
            IncidentType = writeUp.IncidentType,
            Severity = writeUp.Severity,
            Summary = writeUp.Summary,
            Impact = writeUp.Impact,
            RootCause = writeUp.RootCause ?? "",
            Status = StatusOf(actions),
            FollowUpDate = writeUp.FollowUpDate,
            ClosedAt = writeUp.ClosedAt?.ToUniversalTime(),
            TriggerAt = MomentAt(writeUp, KeyMoment.Trigger),
            ImpactStartAt = MomentAt(writeUp, KeyMoment.ImpactStart),
            DetectedAt = MomentAt(writeUp, KeyMoment.Detected),
            MitigatedAt = MomentAt(writeUp, KeyMoment.Mitigated),
            ResolvedAt = MomentAt(writeUp, KeyMoment.Resolved),
            Seq = board.Seq,
            UpdatedAt = clock.GetUtcNow(),
            Actions = actions,
            ContributingFactors = [.. writeUp.ContributingFactors.Select((text, i) => new ContributingFactorRecord { BoardId = writeUp.BoardId, Position = i, Text = text })],
            SignOffs = [.. writeUp.SignOffs.Select((s, i) => new SignOffRecord { BoardId = writeUp.BoardId, Position = i, Name = s.Name, At = s.At.ToUniversalTime() })],
        };
    }

    /// <summary>When the timeline note marked with this key moment happened (Core keeps one note per moment).</summary>
    private static DateTimeOffset? MomentAt(WriteUpModel writeUp, KeyMoment moment) =>
        writeUp.Timeline.FirstOrDefault(r => r.KeyMoment == moment)?.At.ToUniversalTime();

    internal static IncidentStatus StatusOf(IEnumerable<ActionRecord> actions) =>
        actions.All(a => IsClosed(a.Status)) ? IncidentStatus.Complete : IncidentStatus.FollowUp;

    /// <summary>Done, or deliberately dropped: neither is waiting on anyone.</summary>
    internal static bool IsClosed(ActionStatus status) => status is ActionStatus.Done or ActionStatus.WontDo;

    /// <summary>Writes a built record unless one from the same or a later board state is stored.</summary>
    public async Task<bool> WriteAsync(IncidentRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The conditional UPDATE is the first write: it takes the row (SQL Server) or the file (SQLite)
            // lock, so a writer holding an older state waits and then finds nothing older to replace.
            var updated = await db.Incidents
                .Where(i => i.BoardId == record.BoardId && i.Seq < record.Seq)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(i => i.Title, record.Title)
                        .SetProperty(i => i.IncidentAt, record.IncidentAt)
                        .SetProperty(i => i.IncidentDate, record.IncidentDate)
                        .SetProperty(i => i.TimeZone, record.TimeZone)
                        .SetProperty(i => i.IncidentType, record.IncidentType)
                        .SetProperty(i => i.Severity, record.Severity)
                        .SetProperty(i => i.Summary, record.Summary)
                        .SetProperty(i => i.Impact, record.Impact)
                        .SetProperty(i => i.RootCause, record.RootCause)
                        .SetProperty(i => i.Status, record.Status)
                        .SetProperty(i => i.FollowUpDate, record.FollowUpDate)
                        .SetProperty(i => i.ClosedAt, record.ClosedAt)
                        .SetProperty(i => i.TriggerAt, record.TriggerAt)
                        .SetProperty(i => i.ImpactStartAt, record.ImpactStartAt)
                        .SetProperty(i => i.DetectedAt, record.DetectedAt)
                        .SetProperty(i => i.MitigatedAt, record.MitigatedAt)
                        .SetProperty(i => i.ResolvedAt, record.ResolvedAt)
                        .SetProperty(i => i.Seq, record.Seq)
                        .SetProperty(i => i.UpdatedAt, record.UpdatedAt),
                    cancellationToken);
            if (updated > 0)
            {
                await db.Actions.Where(a => a.BoardId == record.BoardId).ExecuteDeleteAsync(cancellationToken);
                await db.ContributingFactors.Where(f => f.BoardId == record.BoardId).ExecuteDeleteAsync(cancellationToken);
                await db.SignOffs.Where(s => s.BoardId == record.BoardId).ExecuteDeleteAsync(cancellationToken);
                db.Actions.AddRange(record.Actions);
                db.ContributingFactors.AddRange(record.ContributingFactors);
                db.SignOffs.AddRange(record.SignOffs);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return true;
            }

            var storedSeq = await db.Incidents.Where(i => i.BoardId == record.BoardId)
                .Select(i => (long?)i.Seq).SingleOrDefaultAsync(cancellationToken);
            if (storedSeq >= record.Seq)
            {
                return false;
            }

            if (storedSeq is not null)
            {
                continue;
            }

            db.Incidents.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The incident's calendar date where it happened; UTC when the zone is unknown here.</summary>
    internal static DateOnly LocalDate(DateTimeOffset at, string timeZone)
    {
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return DateOnly.FromDateTime(at.UtcDateTime);
        }
    }
}
