using PostMortem.Client;

namespace PostMortem.Web.Client.Board;

/// <summary>The words a refusal is shown in: the server's own sentence; never an internal code (fix 7).</summary>
public static class RejectionSentence
{
    public const string Fallback = "The board did not accept this change.";

    public static string For(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Message?.Trim();
        if (string.IsNullOrEmpty(message) || IsBareCode(message))
        {
            return Fallback;
        }

        // Core writes its reasons as clauses ("only the facilitator can do this"); on their own they read as a sentence.
        var sentence = char.ToUpperInvariant(message[0]) + message[1..];
        return sentence[^1] is '.' or '!' or '?' or ')' ? sentence : sentence + ".";
    }

    /// <summary>"not_author" rather than a sentence: one word of lower-case letters and underscores.</summary>
    public static bool IsBareCode(string message) =>
        !message.Contains(' ', StringComparison.Ordinal) && message.All(c => char.IsAsciiLetterLower(c) || c == '_' || char.IsAsciiDigit(c));
}
