using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// The most recurring causes: the period's root causes and contributing factors, joined into one theme wherever two
/// of them resemble each other by Core's <see cref="Similarity"/> (the rule the incident log's "recurring cause" uses,
/// on the texts <see cref="Recurrence.Causes"/> picks), then counted by incidents. A theme of one incident does not
/// recur and is left out.
/// </summary>
internal static class CauseThemesQuery
{
    public const int MaxThemes = 10;
    private const int MaxSharedWords = 5;

    public static IReadOnlyList<CauseTheme> Build(InsightsRows rows)
    {
        var texts = rows.Incidents
            .OrderBy(i => i.IncidentAt).ThenBy(i => i.BoardId, StringComparer.Ordinal)
            .SelectMany(i => Recurrence.Causes.Of(i.BoardId, i.Title, i.Date, i.IncidentAt, i.RootCause, rows.Factors[i.BoardId].Select(f => f.Text))
                .Texts.Select(t => (Incident: i, Cause: t)))
            .ToList();

        var parent = Enumerable.Range(0, texts.Count).ToArray();
        int Root(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        for (var a = 0; a < texts.Count; a++)
        {
            for (var b = a + 1; b < texts.Count; b++)
            {
                if (Similarity.IsRecurring(Similarity.Compare(texts[a].Cause.Terms, texts[b].Cause.Terms)))
                {
                    // The earlier text stays the root, so a theme is named by its first wording.
                    var (ra, rb) = (Root(a), Root(b));
                    parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                }
            }
        }

        // Most incidents first; among equals the theme whose first text came first (incident time, a root cause
        // before its factors).
        return [.. Enumerable.Range(0, texts.Count)
            .GroupBy(Root)
            .Select(g => (First: g.Min(), Theme: Theme([.. g.Order().Select(i => texts[i])])))
            .Where(t => t.Theme.Incidents > 1)
            .OrderByDescending(t => t.Theme.Incidents).ThenBy(t => t.First)
            .Take(MaxThemes)
            .Select(t => t.Theme)];
    }

    private static CauseTheme Theme(IReadOnlyList<(InsightsRows.Incident Incident, Recurrence.CauseText Cause)> members)
    {
        var shared = members
            .SelectMany(m => m.Cause.Terms)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderByDescending(g => g.Count())
            .Take(MaxSharedWords)
            .Select(g => g.First().Value)
            .ToList();
        return new CauseTheme(
            members[0].Cause.Text,
            members.Select(m => m.Incident.BoardId).Distinct(StringComparer.Ordinal).Count(),
            members.Count(m => m.Cause.Kind == Recurrence.RootCauseKind),
            members.Count(m => m.Cause.Kind != Recurrence.RootCauseKind),
            shared,
            [.. members.Select(m => new CauseThemeIncident(m.Incident.BoardId, m.Incident.Title, m.Incident.Date, m.Cause.Kind, m.Cause.Text))]);
    }
}
