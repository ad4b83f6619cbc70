using System.Text;
using System.Text.RegularExpressions;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// The blameless language coach: flags wording that points at a person rather than the system — names,
/// "you", hindsight judgement ("should have"), blame words — and offers a neutral rephrasing when it can.
/// It flags judgement and names, not roles and facts: "the developer shipped without notifying the
/// consumer team" is a fact and passes. It never blocks; the reducer stores its findings with the text.
/// Pure and deterministic: the same text and names always give the same flags, in the same order.
/// </summary>
public static partial class LanguageCoach
{
    // Rule ids are stored with notes and shown by clients: never rename one.
    public const string NameRule = "name";
    public const string YouRule = "you";
    public const string ShouldHaveRule = "should-have";
    public const string KnownBetterRule = "known-better";
    public const string ForgotRule = "forgot";
    public const string DidntBotherRule = "didnt-bother";
    public const string JudgementRule = "judgement";
    public const string BlameRule = "blame";
    public const string HumanErrorRule = "human-error";
    public const string FailureRule = "failure";
    public const string WhoCausedRule = "who-caused";

    /// <param name="Keys">Lower-case fragments at least one of which any match contains: a cheap substring test
    /// that spares running the pattern on the (usual) clean text.</param>
    private sealed record WordRule(string Id, Regex Pattern, string Hint, string[] Keys);

    private static readonly WordRule[] _rules =
    [
        new(KnownBetterRule, KnownBetter(), "Hindsight judgement: what was known at the time? Describe what made the risk hard to see.", ["known"]),
        new(ShouldHaveRule, ShouldHave(), "\"Should have\" judges a decision with hindsight. Describe what happened and what made it the reasonable choice then.", ["should", "ought"]),
        new(YouRule, You(), "Addressing a person points at them. Describe what the system or the process did.", ["you"]),
        new(ForgotRule, Forgot(), "Forgetting is a human constant. Ask what made the step easy to miss (no checklist, no automation, no reminder).", ["forg"]),
        new(DidntBotherRule, DidntBother(), "This assumes bad intent. Describe what was and was not done, and what made skipping it easy.", ["bother"]),
        new(JudgementRule, Judgement(), "A judgement of a person, not a description of the system. Say what happened instead.",
            ["careless", "laz", "stupid", "incompeten", "slopp", "negligen", "reckless", "dumb", "idiot", "clueless", "irresponsible", "excus", "mistake", "messed", "screwed", "dropped"]),
        new(BlameRule, Blame(), "Blame ends the inquiry. Ask what allowed this to happen.", ["fault", "blam", "culprit", "guilty"]),
        new(HumanErrorRule, HumanError(), "\"Human error\" is where the inquiry starts, not where it ends: what made the error possible or likely?", ["error"]),
        new(WhoCausedRule, WhoCaused(), "Look for where the system didn't catch it, not who caused it.", ["who"]),
        new(FailureRule, Failure(), "\"Failure\" sounds like a verdict; \"gap\" points at something to change.", ["failure"]),
    ];

    private static bool ContainsAny(string lower, string[] keys)
    {
        foreach (var key in keys)
        {
            if (lower.Contains(key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private const string NameHint = "Names point at a person. Describe the role or the system step instead (\"the deploy\", \"the on-call engineer\").";

    /// <summary>Flags for <paramref name="text"/>, ordered by position.</summary>
    public static IReadOnlyList<CoachFlag> Check(string text, IEnumerable<string> participantNames) =>
        CheckList(text, participantNames as IReadOnlyList<string> ?? [.. participantNames ?? []]);

    /// <summary>Longer text (a paste while typing) is checked up to here; stored texts are far shorter.</summary>
    private const int MaxCheckedLength = 10_000;

    internal static List<CoachFlag> CheckList(string text, IReadOnlyList<string> participantNames)
    {
        text ??= "";
        if (text.Length > MaxCheckedLength)
        {
            text = text[..MaxCheckedLength];
        }

        var findings = Find(text, participantNames);
        if (findings.Count == 0)
        {
            return findings;
        }

        var suggestion = Rephrase(text, participantNames);
        if (suggestion is null)
        {
            return findings;
        }

        for (var i = 0; i < findings.Count; i++)
        {
            findings[i] = findings[i] with { Suggestion = suggestion };
        }

        return findings;
    }

    private static List<CoachFlag> Find(string text, IReadOnlyList<string> names)
    {
        var flags = new List<CoachFlag>();
        if (text.Length == 0)
        {
            return flags;
        }

        foreach (var (start, length) in NameMatches(text, names))
        {
            flags.Add(new CoachFlag(NameRule, text.Substring(start, length), start, NameHint, null));
        }

        var lower = text.ToLowerInvariant();
        foreach (var rule in _rules)
        {
            if (!ContainsAny(lower, rule.Keys))
            {
                continue;
            }

            foreach (Match m in rule.Pattern.Matches(text))
            {
                flags.Add(new CoachFlag(rule.Id, m.Value, m.Index, rule.Hint, null));
            }
        }

        // Canonical order; where matches overlap the earlier-listed (more specific) one wins, so
        // "should have known better" is one finding, not two.
        flags.Sort(static (a, b) =>
        {
            var c = a.Start.CompareTo(b.Start);
            if (c != 0)
            {
                return c;
            }

            c = b.Match.Length.CompareTo(a.Match.Length);
            return c != 0 ? c : string.CompareOrdinal(a.Rule, b.Rule);
        });
        var result = new List<CoachFlag>(flags.Count);
        var end = -1;
        foreach (var f in flags)
        {
            if (f.Start >= end)
            {
                result.Add(f);
                end = f.Start + f.Match.Length;
            }
        }

        return result;
    }
}
