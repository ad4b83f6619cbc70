using System.Globalization;
using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records;

/// <summary>
/// Finds, for an incident, the earlier incidents whose root cause or contributing factors resemble its
/// own (the rule itself is Core's <see cref="Similarity"/>; this only decides what is compared with what
/// and words the reason). Terms are computed once per text, so a whole log costs one pass per pair.
/// </summary>
internal sealed class Recurrence
{
    /// <summary>The <see cref="CauseText.Kind"/> of a root cause; a contributing factor's is <see cref="FactorKind"/>.</summary>
    internal const string RootCauseKind = "root cause";
    internal const string FactorKind = "contributing factor";

    private readonly List<Causes> _incidents;

    public Recurrence(IEnumerable<Causes> incidents)
    {
        _incidents = [.. incidents.OrderBy(i => i.IncidentAt).ThenBy(i => i.BoardId, StringComparer.Ordinal)];
    }

    /// <summary>Earlier incidents resembling this one, most similar first.</summary>
    public IReadOnlyList<RecurringCause> For(string boardId)
    {
        var index = _incidents.FindIndex(i => string.Equals(i.BoardId, boardId, StringComparison.Ordinal));
        if (index < 0)
        {
            return [];
        }

        var incident = _incidents[index];
        var found = new List<RecurringCause>();
        for (var e = 0; e < index; e++)
        {
            var earlier = _incidents[e];
            RecurringCause? best = null;
            foreach (var mine in incident.Texts)
            {
                foreach (var theirs in earlier.Texts)
                {
                    var result = Similarity.Compare(mine.Terms, theirs.Terms);
                    if (Similarity.IsRecurring(result) && (best is null || result.Score > best.Score))
                    {
                        best = new RecurringCause(
                            earlier.BoardId, earlier.Title, earlier.Date, Math.Round(result.Score, 2), mine.Text, theirs.Text,
                            result.SharedWords, Reason(mine, theirs, earlier, result));
                    }
                }
            }

            if (best is not null)
            {
                found.Add(best);
            }
        }

        return [.. found.OrderByDescending(r => r.Score).ThenByDescending(r => r.Date)];
    }

    private static string Reason(CauseText mine, CauseText theirs, Causes earlier, SimilarityResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Capitalised(mine.Kind)} shares the words {string.Join(", ", result.SharedWords.Select(w => $"\"{w}\""))} " +
            $"with the {theirs.Kind} of \"{earlier.Title}\" ({earlier.Date:yyyy-MM-dd}): similarity {result.Score:0.00} " +
            $"(threshold {Similarity.RecurringThreshold:0.0}).");

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal sealed record Causes(string BoardId, string Title, DateOnly Date, DateTimeOffset IncidentAt, IReadOnlyList<CauseText> Texts)
    {
        public static Causes Of(string boardId, string title, DateOnly date, DateTimeOffset incidentAt, string rootCause, IEnumerable<string> factors)
        {
            var texts = new List<CauseText>();
            if (!string.IsNullOrWhiteSpace(rootCause))
            {
                texts.Add(new CauseText(RootCauseKind, rootCause, Similarity.Terms(rootCause)));
            }

            texts.AddRange(factors.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => new CauseText(FactorKind, f, Similarity.Terms(f))));
            return new Causes(boardId, title, date, incidentAt, texts);
        }
    }

    internal sealed record CauseText(string Kind, string Text, IReadOnlyDictionary<string, string> Terms);
}
