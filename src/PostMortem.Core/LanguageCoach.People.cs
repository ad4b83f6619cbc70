using PostMortem.Core.Model;

namespace PostMortem.Core;

// Whether a text points at a person (a why-chain answer, an action owner).
public static partial class LanguageCoach
{
    /// <summary>
    /// True when a why-chain answer stops at a person: it names a participant, carries a judgement the
    /// coach flags, or has a person (a role or a pronoun) as the subject of a slip — "because the
    /// developer didn't check", "the engineer forgot", "they missed the alert". Such a chain has stopped
    /// too early: ask why the system let that happen.
    /// </summary>
    public static bool PointsAtPerson(string answer, IEnumerable<string> participantNames)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return false;
        }

        var names = participantNames as IReadOnlyList<string> ?? [.. participantNames ?? []];
        foreach (var flag in Find(answer, names))
        {
            if (flag.Rule != FailureRule)
            {
                return true;
            }
        }

        return SlipsAtPerson(answer);
    }

    /// <summary>
    /// The board's check for a why step: its stored flags (computed with the names known when the answer
    /// was written) or a person as the subject of a slip. Cheap enough to run for every chain after
    /// every entry.
    /// </summary>
    internal static bool StopsAtPerson(WhyStep step)
    {
        foreach (var flag in step.Flags)
        {
            if (flag.Rule != FailureRule)
            {
                return true;
            }
        }

        return step.Answer.Length > 0 && SlipsAtPerson(step.Answer);
    }

    private const int SlipCacheSize = 4096;

    private static readonly string[] _slipKeys =
        ["n't", "n’t", " not", "forgot", "failed", "neglected", "missed", "overlooked", "ignored", "skipped", "never", "mistake", "messed", "should", "careless", "sloppy", "lazy"];

    // Pure function of the text, so caching it cannot make replicas disagree.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _slipCache = new(StringComparer.Ordinal);

    private static bool SlipsAtPerson(string answer)
    {
        if (_slipCache.TryGetValue(answer, out var cached))
        {
            return cached;
        }

        var result = ContainsAny(answer.ToLowerInvariant(), _slipKeys) && PersonSlip().IsMatch(answer);
        if (_slipCache.Count >= SlipCacheSize)
        {
            _slipCache.Clear();
        }

        _slipCache[answer] = result;
        return result;
    }

    /// <summary>An owner must be one named person: not a team, a group, several people or a placeholder.</summary>
    public static bool IsGroupName(string owner)
    {
        var name = (owner ?? "").Trim().TrimEnd('.', '!', '?').ToLowerInvariant();
        if (name.Length == 0)
        {
            return true;
        }

        if (name.Contains(" and ", StringComparison.Ordinal) || name.IndexOfAny(['&', '/', ',', '+', ';']) >= 0)
        {
            return true;
        }

        foreach (var article in (string[])["the ", "our ", "a ", "an ", "some ", "any "])
        {
            if (name.StartsWith(article, StringComparison.Ordinal))
            {
                name = name[article.Length..].Trim();
                break;
            }
        }

        if (_groupWords.Contains(name))
        {
            return true;
        }

        foreach (var suffix in _groupSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> _groupWords = new(StringComparer.Ordinal)
    {
        "team", "squad", "everyone", "everybody", "all", "all of us", "devs", "developers", "engineers", "ops", "devops",
        "sre", "sres", "qa", "we", "us", "they", "them", "nobody", "no one", "noone", "someone", "somebody", "anyone",
        "anybody", "tbd", "tba", "tbc", "n/a", "na", "none", "?", "??", "unknown", "unassigned", "oncall", "on-call",
        "on call", "management", "engineering", "backend", "frontend", "support", "product", "it", "staff", "people",
        "group", "crew", "org", "company", "whoever",
    };

    private static readonly string[] _groupSuffixes = ["team", " squad", " group", " crew", " guild", " department", " dept", " folks", " people"];
}
