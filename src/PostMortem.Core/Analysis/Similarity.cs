// Namespace PostMortem.Core (like CoreJson in Serialization/): a PostMortem.Core.Analysis namespace would
// shadow Core's internal Analysis class for code inside PostMortem.Core.*.
namespace PostMortem.Core;

/// <summary>
/// How alike two short texts (root causes, contributing factors) are: token-set Jaccard similarity
/// over normalised, lightly stemmed words with stop words removed. Used to say that an incident's
/// cause recurs; the shared words are the reason given to the reader, so the rule must stay simple
/// enough for a person to check by eye.
/// </summary>
public static class Similarity
{
    /// <summary>Score at or above which two causes are reported as the same cause recurring.</summary>
    public const double RecurringThreshold = 0.4;

    /// <summary>One shared word between two two-word texts scores 1/3; requiring two keeps
    /// "late deploy" and "deploy checklist" apart.</summary>
    public const int MinSharedTerms = 2;

    // Words that carry no cause: articles, pronouns, auxiliaries, quantifiers, connectives.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "an", "and", "another", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "either", "else", "every", "for", "from",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my",
        "neither", "no", "nor", "not", "of", "off", "on", "once", "one", "only", "or", "other", "our",
        "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such", "than",
        "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
        "without", "would", "you", "your", "yours",
    };

    /// <summary>The normalised terms of a text: lower-case words of two or more letters or digits,
    /// stop words removed, stemmed. Each term maps to the first word it came from, as written.</summary>
    public static IReadOnlyDictionary<string, string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '\'' && start >= 0));
            if (isWordChar)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                var word = text[start..i];
                start = -1;
                var lower = word.ToLowerInvariant();
                if (lower.EndsWith("'s", StringComparison.Ordinal))
                {
                    lower = lower[..^2];
                }

                lower = lower.Replace("'", "", StringComparison.Ordinal);
                if (lower.Length < 2 || StopWords.Contains(lower))
                {
                    continue;
                }

                terms.TryAdd(Stem(lower), word.TrimEnd('\''));
            }
        }

        return terms;
    }

    /// <summary>Jaccard similarity of the two texts' term sets, and the words they share (as written in
    /// <paramref name="text"/>, in order of appearance).</summary>
    public static SimilarityResult Compare(string text, string other) => Compare(Terms(text), Terms(other));

    /// <summary>As <see cref="Compare(string, string)"/>, over terms computed once with <see cref="Terms"/>
    /// (comparing every cause in a log with every other).</summary>
    public static SimilarityResult Compare(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return new SimilarityResult(0, []);
        }

        var shared = a.Where(t => b.ContainsKey(t.Key)).Select(t => t.Value).ToList();
        var union = a.Count + b.Count - shared.Count;
        return new SimilarityResult((double)shared.Count / union, shared);
    }

    /// <summary>Whether a comparison is strong enough to call the cause recurring.</summary>
    public static bool IsRecurring(SimilarityResult result) =>
        result.Score >= RecurringThreshold && result.SharedWords.Count >= MinSharedTerms;

    /// <summary>
    /// A light suffix-stripping stemmer: enough to make "change", "changes", "changed" and "changing"
    /// one term, predictable enough that the shared words explain the score.
    /// </summary>
    internal static string Stem(string word)
    {
        var w = word;
        if (w.Length > 4 && (w.EndsWith("ies", StringComparison.Ordinal) || w.EndsWith("ied", StringComparison.Ordinal)))
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.Length > 3 && w[^1] == 's' && !w.EndsWith("ss", StringComparison.Ordinal) &&
                 !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        var stripped = false;
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "ly"])
        {
            if (w.Length - suffix.Length >= 3 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                w = w[..^suffix.Length];
                stripped = true;
                break;
            }
        }

        // "stopped" -> "stopp" -> "stop"; but "fall", "pass", "buzz" keep their doubled letter.
        if (stripped && w.Length > 3 && w[^1] == w[^2] && !IsVowel(w[^1]) && w[^1] is not ('l' or 's' or 'z'))
        {
            w = w[..^1];
        }

        if (w.Length > 3 && w[^1] == 'e')
        {
            w = w[..^1];
        }

        return w;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}

/// <param name="Score">Jaccard similarity, 0 to 1.</param>
/// <param name="SharedWords">The words both texts share, as written in the first text.</param>
public sealed record SimilarityResult(double Score, IReadOnlyList<string> SharedWords);
