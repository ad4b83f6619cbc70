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
        return string.IsNullOrEmpty(message) || IsBareCode(message) ? Fallback : message;
    }

    /// <summary>"not_author" rather than a sentence: one word of lower-case letters and underscores.</summary>
    public static bool IsBareCode(string message) =>
        !message.Contains(' ', StringComparison.Ordinal) && message.All(c => char.IsAsciiLetterLower(c) || c == '_' || char.IsAsciiDigit(c));
}
