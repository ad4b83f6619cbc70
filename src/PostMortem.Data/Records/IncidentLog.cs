using Microsoft.EntityFrameworkCore;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Entities;

namespace PostMortem.Data.Records;

/// <summary>
/// Reads the incident log: filtered rows with action counts, one incident with its actions and
/// recurring causes, actions across incidents (overdue ones), and the open actions of the latest
/// incidents for review when a new post-mortem starts. "Today" is passed in by the caller, except for
/// <see cref="IIncidentHistory"/>, which takes it from the server's clock.
/// </summary>
public sealed class IncidentLog(IDbContextFactory<PostMortemDbContext> contexts, TimeProvider clock) : IIncidentHistory
{
    /// <summary>Enough for any team's log; beyond it the oldest rows are left out.</summary>
    public const int MaxRows = 5000;

    public async Task<IReadOnlyList<IncidentRow>> ListAsync(IncidentFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await ListQuery(db, filter, today).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var recurrence = await RecurrenceAsync(db, cancellationToken);
        return [.. rows.Select(r => r.ToRow(recurrence.For(r.BoardId)))];
    }

    /// <summary>The list query (internal so tests can check it translates for every provider).</summary>
    internal static IQueryable<RowData> ListQuery(PostMortemDbContext db, IncidentFilter filter, DateOnly today)
    {
        var query = db.Incidents.AsNoTracking();
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.IncidentType == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.From is { } from)
        {
            query = query.Where(i => i.IncidentDate >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(i => i.IncidentDate <= to);
        }

        if (filter.Text is { } text)
        {
            var pattern = "%" + EscapeLike(text) + "%";
            query = query.Where(i =>
                EF.Functions.Like(i.Title, pattern, LikeEscape) ||
                EF.Functions.Like(i.Summary, pattern, LikeEscape) ||
                EF.Functions.Like(i.Impact, pattern, LikeEscape) ||
                EF.Functions.Like(i.RootCause, pattern, LikeEscape) ||
                i.ContributingFactors.Any(f => EF.Functions.Like(f.Text, pattern, LikeEscape)) ||
                i.Actions.Any(a => EF.Functions.Like(a.Text, pattern, LikeEscape) || EF.Functions.Like(a.Owner!, pattern, LikeEscape)));
        }

        return Project(query, today)
            .OrderByDescending(r => r.Date).ThenByDescending(r => r.IncidentAt).ThenBy(r => r.BoardId)
            .Take(MaxRows);
    }

    /// <summary>The actions query (internal so tests can check it translates for every provider).</summary>
    internal static IQueryable<ActionWithTitle> ActionsQuery(PostMortemDbContext db, bool overdueOnly, DateOnly today)
    {
        var actions = db.Actions.AsNoTracking();
        if (overdueOnly)
        {
            actions = actions.Where(a => a.DueDate < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.WontDo);
        }

        return actions
            .Join(db.Incidents, a => a.BoardId, i => i.BoardId, (a, i) => new ActionWithTitle { Action = a, Title = i.Title })
            .OrderBy(x => x.Action.DueDate == null).ThenBy(x => x.Action.DueDate).ThenBy(x => x.Action.BoardId).ThenBy(x => x.Action.Position)
            .Take(MaxRows);
    }

    public async Task<IncidentDetail?> GetAsync(string boardId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Incidents.AsNoTracking().Where(i => i.BoardId == boardId), today).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var record = await db.Incidents.AsNoTracking()
            .Include(i => i.Actions).Include(i => i.ContributingFactors).Include(i => i.SignOffs)
            .AsSplitQuery()
            .SingleAsync(i => i.BoardId == boardId, cancellationToken);
        var recurrence = await RecurrenceAsync(db, cancellationToken);
        return new IncidentDetail(
            row.ToRow(recurrence.For(boardId)),
            record.Impact,
            record.TimeZone,
            [.. record.ContributingFactors.OrderBy(f => f.Position).Select(f => f.Text)],
            [.. record.Actions.OrderBy(a => a.Position).Select(a => ActionViews.From(a, record.Title, today))],
            [.. record.SignOffs.OrderBy(s => s.Position).Select(s => new SignOffView(s.Name, s.At))]);
    }

    /// <summary>Actions of every incident (only overdue ones when asked), most pressing first.</summary>
    public async Task<IReadOnlyList<ActionView>> ActionsAsync(bool overdueOnly, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await ActionsQuery(db, overdueOnly, today).ToListAsync(cancellationToken);
        return [.. rows.Select(x => ActionViews.From(x.Action, x.Title, today))];
    }

    /// <summary>Actions with this note id (note ids are unique per board only; pass the board to narrow).</summary>
    public async Task<IReadOnlyList<ActionView>> FindActionsAsync(string noteId, string? boardId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actions = db.Actions.AsNoTracking().Where(a => a.NoteId == noteId);
        if (boardId is not null)
        {
            actions = actions.Where(a => a.BoardId == boardId);
        }

        var rows = await actions
            .Join(db.Incidents, a => a.BoardId, i => i.BoardId, (a, i) => new { Action = a, i.Title })
            .Take(10)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => ActionViews.From(x.Action, x.Title, today))];
    }

    /// <summary>The open actions of the <paramref name="count"/> latest incidents other than
    /// <paramref name="excludeBoardId"/>, for review at the start of a new post-mortem.</summary>
    public async Task<IReadOnlyList<PreviousIncidentActions>> PreviousOpenActionsAsync(string? excludeBoardId, DateOnly today, CancellationToken cancellationToken, int count = 2)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.Incidents.AsNoTracking()
            .Where(i => i.BoardId != excludeBoardId)
            .OrderByDescending(i => i.IncidentAt).ThenByDescending(i => i.BoardId)
            .Take(count)
            .Select(i => new { i.BoardId, i.Title, i.IncidentDate })
            .ToListAsync(cancellationToken);
        var ids = latest.Select(i => i.BoardId).ToList();
        var open = await db.Actions.AsNoTracking()
            .Where(a => ids.Contains(a.BoardId) && a.Status != ActionStatus.Done && a.Status != ActionStatus.WontDo)
            .OrderBy(a => a.Position)
            .ToListAsync(cancellationToken);
        return [.. latest.Select(i => new PreviousIncidentActions(
            i.BoardId, i.Title, i.IncidentDate,
            [.. open.Where(a => a.BoardId == i.BoardId).Select(a => ActionViews.From(a, i.Title, today))]))];
    }

    async Task<IReadOnlyList<PreviousOpenAction>> IIncidentHistory.PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var previous = await PreviousOpenActionsAsync(newBoardId, today, cancellationToken);
        return [.. previous.SelectMany(incident => incident.OpenActions.Select(a =>
            new PreviousOpenAction(a.BoardId, incident.Title, a.NoteId, a.Text, a.Owner, a.DueDate, a.Status, a.Overdue, a.DaysOverdue)))];
    }

    private static IQueryable<RowData> Project(IQueryable<IncidentRecord> query, DateOnly today) =>
        query.Select(i => new RowData
        {
            BoardId = i.BoardId,
            Title = i.Title,
            Date = i.IncidentDate,
            IncidentAt = i.IncidentAt,
            Type = i.IncidentType,
            Severity = i.Severity,
            Summary = i.Summary,
            RootCause = i.RootCause,
            Status = i.Status,
            ActionsDone = i.Actions.Count(a => a.Status == ActionStatus.Done),
            ActionsOpen = i.Actions.Count(a => a.Status != ActionStatus.Done && a.Status != ActionStatus.WontDo),
            ActionsOverdue = i.Actions.Count(a => a.DueDate < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.WontDo),
            FollowUpDate = i.FollowUpDate,
            ClosedAt = i.ClosedAt,
        });

    private static async Task<Recurrence> RecurrenceAsync(PostMortemDbContext db, CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking()
            .OrderByDescending(i => i.IncidentAt)
            .Take(MaxRows)
            .Select(i => new { i.BoardId, i.Title, i.IncidentDate, i.IncidentAt, i.RootCause })
            .ToListAsync(cancellationToken);
        var ids = incidents.Select(i => i.BoardId).ToList();
        var factors = (await db.ContributingFactors.AsNoTracking()
                .Where(f => ids.Contains(f.BoardId))
                .Select(f => new { f.BoardId, f.Position, f.Text })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.BoardId, StringComparer.Ordinal);
        return new Recurrence(incidents.Select(i => Recurrence.Causes.Of(
            i.BoardId, i.Title, i.IncidentDate, i.IncidentAt, i.RootCause,
            factors[i.BoardId].OrderBy(f => f.Position).Select(f => f.Text))));
    }

    private const string LikeEscape = "\\";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);

    internal sealed class ActionWithTitle
    {
        public required ActionRecord Action { get; init; }
        public required string Title { get; init; }
    }

    internal sealed class RowData
    {
        public string BoardId { get; init; } = "";
        public string Title { get; init; } = "";
        public DateOnly Date { get; init; }
        public DateTimeOffset IncidentAt { get; init; }
        public IncidentType Type { get; init; }
        public int Severity { get; init; }
        public string Summary { get; init; } = "";
        public string RootCause { get; init; } = "";
        public IncidentStatus Status { get; init; }
        public int ActionsDone { get; init; }
        public int ActionsOpen { get; init; }
        public int ActionsOverdue { get; init; }
        public DateOnly? FollowUpDate { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        public IncidentRow ToRow(IReadOnlyList<RecurringCause> recurring) => new(
            BoardId, Title, Date, IncidentAt, Type, Severity, Summary, RootCause, Status,
            ActionsDone, ActionsOpen, ActionsOverdue, FollowUpDate, ClosedAt, recurring);
    }
}
