using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// The actions of each month's incidents: done, dropped (won't do), overdue as of today (the incident log's rule,
/// <see cref="ActionViews.IsOverdue"/>) or open; and the median days from the post-mortem's close to done (an action
/// done before the close counts 0 days).
/// </summary>
internal static class FollowThroughQuery
{
    public static FollowThrough Build(InsightsRows rows, IReadOnlyList<string> months, DateOnly today)
    {
        var actions = rows.Incidents
            .SelectMany(i => rows.Actions[i.BoardId].Select(a => (Incident: i, Action: a)))
            .ToList();
        List<int> Count(Func<InsightsRows.Action, bool> which) =>
            [.. months.Select(m => actions.Count(x => x.Incident.Month == m && which(x.Action)))];

        var daysToDone = actions
            .Where(x => x.Action.Status == ActionStatus.Done && x.Action.DoneAt is not null && x.Incident.ClosedAt is not null)
            .Select(x => (x.Incident.Month, Days: Math.Max(0, (x.Action.DoneAt!.Value - x.Incident.ClosedAt!.Value).TotalDays)))
            .ToList();
        return new FollowThrough(
            Count(a => a.Status == ActionStatus.Done),
            Count(a => !IncidentRecorder.IsClosed(a.Status) && !ActionViews.IsOverdue(a.DueDate, a.Status, today)),
            Count(a => ActionViews.IsOverdue(a.DueDate, a.Status, today)),
            Count(a => a.Status == ActionStatus.WontDo),
            [.. months.Select(m => Median.Rounded(Median.Of(daysToDone.Where(d => d.Month == m).Select(d => d.Days)), 1))],
            Median.Rounded(Median.Of(daysToDone.Select(d => d.Days)), 1),
            actions.Count(x => x.Action.Status == ActionStatus.Done && (x.Action.DoneAt is null || x.Incident.ClosedAt is null)));
    }
}
