using Microsoft.EntityFrameworkCore;
using PostMortem.Core.Model;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// What the insights are computed from: the period's incidents with their key moments, contributing factors and
/// actions, read in three queries. At most <see cref="IncidentLog.MaxRows"/> incidents (the latest).
/// </summary>
internal sealed record InsightsRows(
    IReadOnlyList<InsightsRows.Incident> Incidents,
    ILookup<string, InsightsRows.Factor> Factors,
    ILookup<string, InsightsRows.Action> Actions)
{
    public static async Task<InsightsRows> LoadAsync(PostMortemDbContext db, InsightsFilter filter, CancellationToken cancellationToken)
    {
        var incidents = await IncidentsQuery(db, filter).ToListAsync(cancellationToken);
        var ids = incidents.Select(i => i.BoardId).ToList();
        var factors = await db.ContributingFactors.AsNoTracking()
            .Where(f => ids.Contains(f.BoardId))
            .Select(f => new Factor(f.BoardId, f.Position, f.Text))
            .ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking()
            .Where(a => ids.Contains(a.BoardId))
            .Select(a => new Action(a.BoardId, a.Position, a.Status, a.DueDate, a.DoneAt))
            .ToListAsync(cancellationToken);
        return new InsightsRows(
            incidents,
            factors.OrderBy(f => f.Position).ToLookup(f => f.BoardId, StringComparer.Ordinal),
            actions.OrderBy(a => a.Position).ToLookup(a => a.BoardId, StringComparer.Ordinal));
    }

    /// <summary>The incidents query (internal so tests can check it translates for every provider).</summary>
    internal static IQueryable<Incident> IncidentsQuery(PostMortemDbContext db, InsightsFilter filter)
    {
        var end = filter.EndExclusive;
        var query = db.Incidents.AsNoTracking().Where(i => i.IncidentDate >= filter.FromMonth && i.IncidentDate < end);
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.IncidentType == type);
        }

        return query
            .OrderByDescending(i => i.IncidentAt).ThenBy(i => i.BoardId)
            .Take(IncidentLog.MaxRows)
            .Select(i => new Incident(
                i.BoardId, i.Title, i.IncidentDate, i.IncidentAt, i.IncidentType, i.Severity, i.RootCause, i.ClosedAt,
                i.TriggerAt, i.ImpactStartAt, i.DetectedAt, i.ResolvedAt));
    }

    internal sealed record Incident(
        string BoardId,
        string Title,
        DateOnly Date,
        DateTimeOffset IncidentAt,
        IncidentType Type,
        int Severity,
        string RootCause,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? TriggerAt,
        DateTimeOffset? ImpactStartAt,
        DateTimeOffset? DetectedAt,
        DateTimeOffset? ResolvedAt)
    {
        public string Month => InsightsFilter.Label(new DateOnly(Date.Year, Date.Month, 1));
    }

    internal sealed record Factor(string BoardId, int Position, string Text);

    internal sealed record Action(string BoardId, int Position, ActionStatus Status, DateOnly? DueDate, DateTimeOffset? DoneAt);
}
