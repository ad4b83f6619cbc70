using System.Text;
using System.Text.RegularExpressions;

namespace PostMortem.Core;

// The neutral rephrasing offered with a flag.
public static partial class LanguageCoach
{
    // ---- rephrasing -------------------------------------------------------------------------

    /// <summary>Stands for a participant's name while rewriting, so the patterns need not know the names.</summary>
    private const char Person = '\u0001';

    // Rewrites run on user text inside the reducer: they use the non-backtracking engine (linear time,
    // no timeout, so every replica computes the same suggestion) and never see more than a note's length.
    private const RegexOptions Rewrite = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private const string Subject = "(?:the\\s+)?(?:you|he|she|they|someone|somebody|\u0001)";

    /// <summary>Omissions and hindsight are rephrased whoever they are about, a role included.</summary>
    private const string AnySubject = "(?:(?:the|our|an?)\\s+)?(?:[\\w-]+\\s+)?(?:you|he|she|they|someone|somebody|\u0001|engineer|developer|dev|programmer|operator|admin|reviewer|tester|on-?call|sre|manager|lead|person)";

    private const string ClauseStart = @"(?<lead>^|[,;:.]\s*|\b(?:because|since|so|and|but|when|as)\s+)";

    private const string Object = @"(?<obj>[^,;.!?\u0001]+?)(?<tail>\s+(?:before|after|on|in|at|during|when|while|because|since|until|for|from|with|without|by|to|into|so)\s[^.!?]*)?(?<end>[.!?]*)$";

    /// <summary>Built on first use: most texts never need a rewrite.</summary>
    private static class Rewrites
    {
        public static readonly Regex Omission = new(
            ClauseStart + AnySubject + @"\s+(?:forgot|forgets|had forgotten|didn't bother|didn’t bother|did not bother|couldn't be bothered|neglected|failed|omitted|never bothered)\s+to\s+(?<verb>[a-z]+)\s+" + Object, Rewrite);

        public static readonly Regex KnownBetter = new(
            ClauseStart + AnySubject + @"\s+(?:should|ought to|could)\s*(?:have|'ve|’ve)\s+known better(?<end>[.!?]*)", Rewrite);

        public static readonly Regex ShouldHave = new(
            ClauseStart + AnySubject + @"\s+(?:(?<neg>shouldn't|shouldn’t|should not|ought not to)|should|ought to)\s*(?:have|'ve|’ve)\s+(?<verb>[a-z]+)\s+" + Object, Rewrite);

        public static readonly Regex PersonAct = new(
            ClauseStart + Subject + @"\s+(?<verb>[a-z]+ed|ran|wrote|broke|took|made|sent|did|gave|built|put|set|cut|let|left)(?<rest>(?:\s[^\u0001]*)?)$", Rewrite);

        public static readonly Regex DeterminedObject = new(
            @"^\s+(?:the|a|an|our|their|this|that|these|those|its|his|her|my|your)\s+" + Object, Rewrite);

        public static readonly Regex Possessive = new("(?:\\byour|\u0001(?:'s|’s))\\s+", Rewrite);
    }

    /// <summary>
    /// A neutral rewrite of the whole text, or null when none can be offered. Rule-based: the person and
    /// their judged act become a passive or system phrasing ("Sarah forgot to run the tests" → "The tests
    /// were not run"). Offered only when the rewrite itself is clean: no name left, nothing flagged.
    /// </summary>
    public static string? Rephrase(string text, IEnumerable<string> participantNames)
    {
        var names = participantNames as IReadOnlyList<string> ?? [.. participantNames ?? []];
        if (string.IsNullOrWhiteSpace(text) || text.Length > Limits.SummaryLength)
        {
            return null;
        }

        var original = text.Trim();
        var s = MaskNames(original, names);
        s = Rewrites.Omission.Replace(s, m => m.Groups["lead"].Value + Passive(m, negative: true, participleGiven: false));
        s = Rewrites.KnownBetter.Replace(s, m => m.Groups["lead"].Value + "the risk was not visible at the time" + m.Groups["end"].Value);
        s = Rewrites.ShouldHave.Replace(s, m => m.Groups["lead"].Value + Passive(m, negative: !m.Groups["neg"].Success, participleGiven: true));
        s = Rewrites.PersonAct.Replace(s, PersonAct);
        s = WhoCaused().Replace(s, m => "where we didn't catch" + (m.Groups["rest"].Success ? m.Groups["rest"].Value : " it"));
        s = HumanError().Replace(s, m => m.Value.EndsWith('s') ? "gaps in the process" : "a gap in the process");
        s = Failure().Replace(s, m => m.Value.EndsWith('s') ? "gaps" : "gap");
        s = AttributiveJudgement().Replace(s, "");
        s = Rewrites.Possessive.Replace(s, "the ");
        s = Spaces().Replace(s, " ").Trim();
        if (s.Length == 0 || s.Contains(Person, StringComparison.Ordinal) || string.Equals(s, original, StringComparison.Ordinal))
        {
            return null;
        }

        if (char.IsUpper(original[0]) && char.IsLower(s[0]))
        {
            s = char.ToUpperInvariant(s[0]) + s[1..];
        }

        return Find(s, names).Count == 0 ? s : null;
    }

    private static string MaskNames(string text, IReadOnlyList<string> names)
    {
        var matches = NameMatches(text, names);
        if (matches.Count == 0)
        {
            return text;
        }

        // Longest match wins where names overlap ("Sarah Connor" over "Sarah").
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, length) in matches)
        {
            if (start < at)
            {
                continue;
            }

            sb.Append(text, at, start - at).Append(Person);
            at = start + length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static readonly Dictionary<string, string> _deployNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployed"] = "the deploy went out",
        ["shipped"] = "the change shipped",
        ["released"] = "the release went out",
        ["pushed"] = "the change was pushed",
        ["merged"] = "the change was merged",
    };

    /// <summary>"you deployed untested" → "the deploy went out untested"; "Sarah restarted the cache" → "the cache was restarted".</summary>
    private static string PersonAct(Match m)
    {
        var verb = m.Groups["verb"].Value;
        var rest = m.Groups["rest"].Value;
        var lead = m.Groups["lead"].Value;
        var o = Rewrites.DeterminedObject.Match(rest);
        if (o.Success)
        {
            var obj = "the " + o.Groups["obj"].Value.Trim();
            return lead + obj + (IsPlural(obj) ? " were " : " was ") + PastParticiple(verb) + o.Groups["tail"].Value + o.Groups["end"].Value;
        }

        return _deployNouns.TryGetValue(verb, out var noun) ? lead + noun + rest : m.Value;
    }

    private static readonly HashSet<string> _prepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "before", "after", "on", "in", "at", "during", "when", "while", "because", "since", "until", "for", "from", "with", "without", "by", "to", "into", "so",
    };

    private static string Passive(Match m, bool negative, bool participleGiven)
    {
        var verb = m.Groups["verb"].Value;
        var obj = m.Groups["obj"].Value.Trim();
        var firstWord = obj.Split(' ', 2)[0];
        if (_prepositions.Contains(firstWord))
        {
            // No object ("shouldn't have deployed on Friday"): only a deploy-like act reads well without one.
            return !negative && _deployNouns.TryGetValue(PastParticiple(verb), out var noun)
                ? noun + " " + obj + m.Groups["tail"].Value + m.Groups["end"].Value
                : m.Value[m.Groups["lead"].Length..];
        }

        var participle = participleGiven ? PastParticiple(verb) : Participle(verb);
        var be = IsPlural(obj) ? "were" : "was";
        return obj + " " + be + (negative ? " not " : " ") + participle + m.Groups["tail"].Value + m.Groups["end"].Value;
    }

    private static bool IsPlural(string obj)
    {
        var last = obj.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words ? words[^1].ToLowerInvariant() : "";
        return last.Length > 2 && last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal)
            && !last.EndsWith("us", StringComparison.Ordinal) && !last.EndsWith("is", StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string> _irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        ["run"] = "run", ["ran"] = "run", ["write"] = "written", ["wrote"] = "written", ["send"] = "sent", ["sent"] = "sent",
        ["do"] = "done", ["did"] = "done", ["take"] = "taken", ["took"] = "taken", ["give"] = "given", ["gave"] = "given",
        ["see"] = "seen", ["saw"] = "seen", ["tell"] = "told", ["set"] = "set", ["put"] = "put", ["read"] = "read",
        ["find"] = "found", ["make"] = "made", ["made"] = "made", ["get"] = "got", ["build"] = "built", ["built"] = "built",
        ["break"] = "broken", ["broke"] = "broken", ["cut"] = "cut", ["let"] = "let", ["leave"] = "left", ["left"] = "left",
        ["ship"] = "shipped", ["stop"] = "stopped", ["plan"] = "planned", ["tag"] = "tagged", ["log"] = "logged",
        ["pin"] = "pinned", ["flag"] = "flagged", ["drop"] = "dropped", ["skip"] = "skipped", ["roll"] = "rolled",
        ["begin"] = "begun", ["forget"] = "forgotten", ["know"] = "known", ["show"] = "shown", ["hold"] = "held",
        ["keep"] = "kept", ["lose"] = "lost", ["pay"] = "paid", ["say"] = "said", ["understand"] = "understood",
    };

    /// <summary>Past participle of a base verb ("run" → "run", "check" → "checked", "update" → "updated").</summary>
    private static string Participle(string verb)
    {
        var v = verb.ToLowerInvariant();
        if (_irregular.TryGetValue(v, out var p))
        {
            return p;
        }

        if (v.EndsWith('e'))
        {
            return v + "d";
        }

        if (v.Length > 2 && v.EndsWith('y') && !"aeiou".Contains(v[^2], StringComparison.Ordinal))
        {
            return v[..^1] + "ied";
        }

        return v + "ed";
    }

    /// <summary>A past participle or past tense as written ("checked", "ran" → "run").</summary>
    private static string PastParticiple(string verb) =>
        _irregular.TryGetValue(verb, out var p) ? p : verb.EndsWith("ed", StringComparison.OrdinalIgnoreCase) ? verb.ToLowerInvariant() : Participle(verb);
}
