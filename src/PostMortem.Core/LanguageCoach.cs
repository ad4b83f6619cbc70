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

    // ---- names ------------------------------------------------------------------------------

    /// <summary>Name tokens that are also common English words match only when capitalised as a name.</summary>
    private static readonly HashSet<string> _wordLikeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "may", "mark", "bill", "frank", "grace", "hope", "joy", "rose", "pat", "sue", "don", "ray", "max", "art",
        "dean", "chase", "hunter", "lane", "page", "faith", "june", "april", "august", "summer", "sky", "amber", "ruby",
        "ivy", "jack", "nick", "rob", "drew", "gene", "guy", "sandy", "penny", "dawn", "crystal", "river", "reed", "miles",
        "wade", "cash", "bob", "sunny", "star", "an", "al", "ed", "jo", "mo", "ty", "bo", "dot", "kit", "val", "ash",
        "win", "tag", "case", "bay", "price", "young", "long", "major", "king", "ward", "stone", "wood", "hill", "park",
        "cook", "baker", "dev", "chip", "sage", "rain", "storm", "ace", "carter", "mason", "porter", "fisher", "shepherd", "hall", "bell", "love", "ever",
    };

    internal static bool IsWordLikeName(string token) => _wordLikeNames.Contains(token);

    /// <summary>Particles inside names that are never a name on their own.</summary>
    private static readonly HashSet<string> _particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das", "bin", "ibn", "al",
        "mc", "the", "of", "and", "jr", "sr", "ii", "iii",
    };

    /// <summary>Function words someone might type as a display name: never treated as a name.</summary>
    private static readonly HashSet<string> _notNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "it", "we", "us", "me", "he", "she", "him", "her", "they", "them", "an", "on", "in", "at", "to", "or", "is",
        "be", "do", "go", "no", "so", "up", "my", "by", "as", "if", "you", "all", "team",
    };

    private static List<(int Start, int Length)> NameMatches(string text, IReadOnlyList<string> names)
    {
        var matches = new List<(int Start, int Length)>();
        if (names is null)
        {
            return matches;
        }

        foreach (var raw in names)
        {
            var full = raw?.Trim() ?? "";
            if (LetterCount(full) < 2 || _notNames.Contains(full))
            {
                continue;
            }

            AddMatches(text, full, matches);
            var tokens = full.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2)
            {
                continue;
            }

            foreach (var t in tokens)
            {
                var token = t.Trim('.', ',', '(', ')', '"', '\'');
                if (LetterCount(token) >= 2 && !_particles.Contains(token) && !_notNames.Contains(token))
                {
                    AddMatches(text, token, matches);
                }
            }
        }

        return matches;
    }

    private static int LetterCount(string s)
    {
        var n = 0;
        foreach (var ch in s)
        {
            if (char.IsLetter(ch))
            {
                n++;
            }
        }

        return n;
    }

    private static void AddMatches(string text, string name, List<(int Start, int Length)> matches)
    {
        var wordLike = _wordLikeNames.Contains(name);
        var from = 0;
        while (from <= text.Length - name.Length)
        {
            var at = text.IndexOf(name, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                break;
            }

            from = at + 1;
            var end = at + name.Length;
            if ((at > 0 && IsWordChar(text[at - 1])) || (end < text.Length && IsWordChar(text[end])))
            {
                continue;
            }

            if (wordLike && (!char.IsUpper(text[at]) || AskingAtSentenceStart(text, at, end)))
            {
                continue;
            }

            if (!matches.Contains((at, name.Length)))
            {
                matches.Add((at, name.Length));
            }
        }
    }

    /// <summary>"Will this alert fire?", "May we ...": a word-like name opening a question is the word.</summary>
    private static bool AskingAtSentenceStart(string text, int at, int end)
    {
        var i = at - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        if (i >= 0 && text[i] is not ('.' or '!' or '?' or ':' or ';'))
        {
            return false;
        }

        var rest = text.AsSpan(end).TrimStart();
        foreach (var word in (string[])["this ", "the ", "it ", "we ", "they ", "you ", "that ", "there ", "a ", "an ", "i ", "he ", "she ", "our "])
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char ch) => char.IsLetterOrDigit(ch) || ch == '_';

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
