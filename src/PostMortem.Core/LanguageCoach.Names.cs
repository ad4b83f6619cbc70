
namespace PostMortem.Core;

// Finding participant names in text without flagging the common words some names also are.
public static partial class LanguageCoach
{
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
}
