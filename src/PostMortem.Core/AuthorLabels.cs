using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// What a card shows as the author of a note or a why chain, for the viewer it is shown to (anonymous boards, issue 14):
/// the author's name as before; on anonymous content "You" for the viewer's own and nothing for anyone else's (the
/// view carries no other author id: Core masked it). Null means: show no name.
/// </summary>
public static class AuthorLabels
{
    public const string You = "You";

    public static string? ForNote(BoardView view, Note note, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(note);
        return Label(view, Internal.Anonymity.IsAnonymous(view.Meta, Internal.Anonymity.PhaseOf(note.Kind)), note.AuthorId, viewerId);
    }

    public static string? ForChain(BoardView view, WhyChain chain, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(chain);
        return Label(view, Internal.Anonymity.IsAnonymous(view.Meta, Internal.Anonymity.ChainPhase), chain.AuthorId, viewerId);
    }

    private static string? Label(BoardView view, bool anonymous, string authorId, string? viewerId)
    {
        if (string.IsNullOrEmpty(authorId))
        {
            return null;
        }

        if (anonymous)
        {
            return string.Equals(authorId, viewerId, StringComparison.Ordinal) ? You : null;
        }

        foreach (var p in view.Participants)
        {
            if (string.Equals(p.Id, authorId, StringComparison.Ordinal))
            {
                return p.Name;
            }
        }

        return "someone";
    }
}
