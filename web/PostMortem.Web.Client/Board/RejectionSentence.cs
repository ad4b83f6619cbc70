using PostMortem.Client;
using PostMortem.Core;

namespace PostMortem.Web.Client.Board;

/// <summary>The words a refusal is shown in: the server's own sentence, or Core's sentence for its code; never the code (fix 7).</summary>
public static class RejectionSentence
{
    public static string For(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.IsNullOrWhiteSpace(result.Message) ? RejectionCodes.Sentence(result.Code) : result.Message.Trim();
    }
}
