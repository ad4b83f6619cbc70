using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// The copies anonymous content leaves Core in (issue 14): views and events with the author ids a viewer may not see
/// blanked. Which ids those are is <see cref="Anonymity"/>'s to say; this class only makes the copies, so a hidden id
/// never shares an object with the state or with another viewer's copy.
/// </summary>
internal static class AnonymousCopies
{
    /// <summary>The note as <paramref name="viewerId"/> may see it: the same object when nothing is hidden, else a masked copy.</summary>
    public static Note ForViewer(BoardState state, Note note, string? viewerId)
    {
        if (!Anonymity.HidesAuthorFrom(state, note.Kind, note.AuthorId, viewerId))
        {
            return note;
        }

        var copy = Cloning.Clone(note);
        copy.AuthorId = Anonymity.Hidden;
        return copy;
    }

    /// <summary>The chain as <paramref name="viewerId"/> may see it: authors other than the viewer's own id blanked.</summary>
    public static WhyChain ForViewer(BoardState state, WhyChain chain, string? viewerId)
    {
        if (!Anonymity.HidesChainAuthors(state) || !NamesSomeoneElse(chain, viewerId))
        {
            return chain;
        }

        var copy = Cloning.Clone(chain);
        KeepOnly(copy, viewerId);
        return copy;
    }

    /// <summary>
    /// Splits the events of an accepted entry so no hidden author travels to anyone else: an anonymous note becomes
    /// the author's own copy (<see cref="BoardEvent.VisibleTo"/>) and a masked copy for everyone else
    /// (<see cref="BoardEvent.HiddenFrom"/>); an anonymous chain becomes one copy per author it names (their own ids
    /// only) and a fully masked copy for everyone else. Returns <paramref name="events"/> itself when nothing is hidden.
    /// </summary>
    public static List<BoardEvent> Split(BoardState state, List<BoardEvent> events)
    {
        if (state.Meta.AnonymousPhases.Count == 0)
        {
            return events;
        }

        List<BoardEvent>? result = null;
        for (var i = 0; i < events.Count; i++)
        {
            var replaced = events[i] switch
            {
                NoteChanged { VisibleTo: null } e when Anonymity.HidesAuthor(state, e.Note.Kind) => SplitNote(e.Note),
                ChainChanged { VisibleTo: null } e when Anonymity.HidesChainAuthors(state) => SplitChain(e.Chain),
                _ => null,
            };
            if (replaced is null)
            {
                result?.Add(events[i]);
                continue;
            }

            result ??= [.. events.Take(i)];
            result.AddRange(replaced);
        }

        return result ?? events;
    }

    private static List<BoardEvent> SplitNote(Note note)
    {
        var masked = Cloning.Clone(note);
        masked.AuthorId = Anonymity.Hidden;
        return
        [
            new NoteChanged(note) { VisibleTo = note.AuthorId },
            new NoteChanged(masked) { HiddenFrom = [note.AuthorId] },
        ];
    }

    private static List<BoardEvent> SplitChain(WhyChain chain)
    {
        var authors = new List<string>();
        if (chain.AuthorId.Length > 0)
        {
            authors.Add(chain.AuthorId);
        }

        foreach (var step in chain.Steps)
        {
            if (step.AuthorId.Length > 0 && !authors.Contains(step.AuthorId))
            {
                authors.Add(step.AuthorId);
            }
        }

        authors.Sort(StringComparer.Ordinal);
        var result = new List<BoardEvent>(authors.Count + 1);
        foreach (var author in authors)
        {
            var own = Cloning.Clone(chain);
            KeepOnly(own, author);
            result.Add(new ChainChanged(own) { VisibleTo = author });
        }

        var masked = Cloning.Clone(chain);
        KeepOnly(masked, null);
        result.Add(new ChainChanged(masked) { HiddenFrom = authors });
        return result;
    }

    /// <summary>Blanks every author id but <paramref name="viewerId"/>'s own in a copy of a chain.</summary>
    private static void KeepOnly(WhyChain copy, string? viewerId)
    {
        if (!Anonymity.Same(copy.AuthorId, viewerId))
        {
            copy.AuthorId = Anonymity.Hidden;
        }

        foreach (var step in copy.Steps)
        {
            if (!Anonymity.Same(step.AuthorId, viewerId))
            {
                step.AuthorId = Anonymity.Hidden;
            }
        }
    }

    private static bool NamesSomeoneElse(WhyChain chain, string? viewerId)
    {
        if (chain.AuthorId.Length > 0 && !Anonymity.Same(chain.AuthorId, viewerId))
        {
            return true;
        }

        foreach (var step in chain.Steps)
        {
            if (step.AuthorId.Length > 0 && !Anonymity.Same(step.AuthorId, viewerId))
            {
                return true;
            }
        }

        return false;
    }
}
