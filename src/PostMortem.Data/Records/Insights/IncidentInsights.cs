using Microsoft.EntityFrameworkCore;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// The incident insights: what the /insights page draws and its CSVs list, from the incident records of a period.
/// Each chart's numbers come from one small query (<see cref="IncidentCountsQuery"/>, <see cref="ResponseTimesQuery"/>,
/// <see cref="CauseThemesQuery"/>, <see cref="FollowThroughQuery"/>) over rows read once. "Today" is the caller's.
/// </summary>
public sealed class IncidentInsights(IDbContextFactory<PostMortemDbContext> contexts)
{
    public async Task<InsightsReport> ReportAsync(InsightsFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        InsightsRows rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rows = await InsightsRows.LoadAsync(db, filter, cancellationToken);
        }

        var months = filter.Months().Select(InsightsFilter.Label).ToList();
        return new InsightsReport(
            months[0],
            months[^1],
            filter.Type,
            today,
            months,
            IncidentCountsQuery.Build(rows, months),
            ResponseTimesQuery.Build(rows, months),
            CauseThemesQuery.Build(rows),
            FollowThroughQuery.Build(rows, months, today));
    }
}
