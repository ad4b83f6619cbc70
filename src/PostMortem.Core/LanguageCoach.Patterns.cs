using System.Text.RegularExpressions;

namespace PostMortem.Core;

// The coach's patterns, source-generated.
public static partial class LanguageCoach
{
    // ---- patterns ---------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:should|could|ought to)\s*(?:have|'ve|’ve|of)\s+known\s+better\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KnownBetter();

    [GeneratedRegex(@"\b(?:should(?:n't|n’t| not)?\s+have|should(?:n't|n’t)?(?:'ve|’ve)|ought(?:n't| not)? to have)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShouldHave();

    [GeneratedRegex(@"\b(?:you|your|yours|yourself|yourselves|you're|you’re|you've|you’ve|you'd|you’d|you'll|you’ll)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex You();

    [GeneratedRegex(@"\b(?:forgot|forgotten|forget|forgets|forgetting)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Forgot();

    [GeneratedRegex(@"\b(?:didn't|didn’t|did not|couldn't|couldn’t|could not|never)\s+(?:even\s+)?(?:bother|bothered)\b|\bcouldn't be bothered\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DidntBother();

    [GeneratedRegex(@"\b(?:careless(?:ly|ness)?|lazy|laziness|lazily|stupid(?:ity|ly)?|incompeten(?:t|ce|tly)|sloppy|sloppiness|sloppily|negligen(?:t|ce|tly)|reckless(?:ly|ness)?|dumb|idiot(?:s|ic)?|clueless|irresponsible|inexcusable|no excuse|made a mistake|messed up|screwed up|dropped the ball)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Judgement();

    [GeneratedRegex(@"(?<!\b(?:segmentation|page|bus|protection|hardware|disk)\s)\b(?:fault|faults|blame|blamed|blames|blaming|culprit|culprits|guilty)\b(?!\s(?:tolerance|tolerant|injection|domain|domains|isolation|line|lines))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Blame();

    [GeneratedRegex(@"\b(?:human|operator|user|people|pilot)\s+errors?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanError();

    [GeneratedRegex(@"\bwho(?:'s| is| was)?\s+(?:caused|broke|did (?:this|it|that)|messed up|screwed up|responsible|to blame)\b(?<rest>\s+(?:it|this|that|the\s+[^,;.!?]+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhoCaused();

    /// <summary>"Failure" of people or process; component failures ("disk failure", "payment failures") are facts.</summary>
    [GeneratedRegex(@"(?<!\b(?:disk|hardware|node|network|power|payment|request|job|build|test|dns|cache|connection|replication|health[- ]check|dependency|service|server|database|db|http|api|pod|host|login|auth|drive|link|cluster|region|zone|backup|batch|cron|upstream|downstream|single point of)\s)\bfailures?\b(?!\s(?:mode|modes|rate|rates|domain|domains|threshold|injection))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Failure();

    [GeneratedRegex(@"\b(?:careless|sloppy|lazy|stupid|reckless|negligent|dumb|incompetent|clueless|irresponsible)\s+(?=[a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttributiveJudgement();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    /// <summary>A person (a role or a pronoun) as the subject of a slip: "the developer didn't check".</summary>
    // Anchored on the person word: what precedes it ("the", "our on-call") does not change the answer.
    // Greedy bounded loops only: lazy bounded loops hit a pathological case in compiled regexes.
    [GeneratedRegex(@"\b(?:developers?|devs?|engineers?|programmers?|operators?|admins?|administrators?|reviewers?|testers?|authors?|persons?|on-?call|sres?|managers?|leads?|interns?|contractors?|employees?|analysts?|designers?|founders?|maintainers?|coders?|staff(?:\s+members?)?|humans?|individuals?|colleagues?|teammates?|he|she|they|someone|somebody)\s+(?:\w+\s+){0,2}(?:didn't|didn’t|did not|doesn't|doesn’t|does not|don't|don’t|do not|forgot|failed to|neglected|missed|overlooked|ignored|skipped|never|made a mistake|messed up|should|could not|couldn't|couldn’t|wouldn't|wouldn’t|was careless|was sloppy|was lazy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonSlip();
}
