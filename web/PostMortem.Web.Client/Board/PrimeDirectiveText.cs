using System.Text.RegularExpressions;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// The Prime Directive is configurable and Core's default ends with its source ("… — Norm Kerth, …"). On a shared
/// screen the quote and its source read better apart, and never twice.
/// </summary>
public static partial class PrimeDirectiveText
{
    /// <summary>Splits a trailing "— Author, Source" off the text; a text without one has no attribution.</summary>
    public static (string Quote, string? Attribution) Split(string text)
    {
        var trimmed = (text ?? "").Trim();
        var m = TrailingSource().Match(trimmed);
        return m.Success ? (Unquote(m.Groups[1].Value), m.Groups[2].Value.Trim()) : (trimmed, null);
    }

    private static string Unquote(string s)
    {
        var t = s.Trim();
        foreach (var (open, close) in new[] { ('"', '"'), ('“', '”') })
        {
            if (t.Length > 2 && t[0] == open && t[^1] == close)
            {
                return t[1..^1].Trim();
            }
        }

        return t;
    }

    // The quote ends its sentence (or its quotation marks) before the dash; the source starts with a capital.
    [GeneratedRegex(@"^([\s\S]*[.!?""”])\s+[—–]\s*(\p{Lu}[^—–\n]{2,160})$")]
    private static partial Regex TrailingSource();
}
