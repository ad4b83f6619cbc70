using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

internal static class Views
{
    /// <summary>
    /// What <paramref name="viewerId"/> may see: everything but the secrets and other people's votes
    /// before the reveal. Entities are copies, so the view can be serialised after the next entry.
    /// "Now" for the derived output is the time of the last accepted entry: every replica agrees.
    /// </summary>
    public static BoardView For(BoardState state, string viewerId)
    {
        var participants = Sorted.Participants(state).ConvertAll(Cloning.Clone);
        // Anonymous authors are blanked for everyone but themselves (Anonymity), before the copy leaves Core.
        var notes = Sorted.Notes(state).ConvertAll(n => Cloning.Clone(AnonymousCopies.ForViewer(state, n, viewerId)));
        var chains = Sorted.Chains(state).ConvertAll(c => Cloning.Clone(AnonymousCopies.ForViewer(state, c, viewerId)));
        IReadOnlyList<string> myVotes = viewerId is not null && state.Votes.TryGetValue(viewerId, out var votes) ? [.. votes] : [];
        var tallies = state.Meta.VotesRevealed ? Analysis.Tallies(state) : null;
        return new BoardView(
            state.Meta.Seq,
            Cloning.Clone(state.Meta),
            participants,
            notes,
            chains,
            myVotes,
            tallies,
            [.. state.SignOffs],
            Analysis.Derive(state, state.Meta.UpdatedAt),
            Permissions.RoleOf(state, viewerId!),
            AffordanceRules.For(state, viewerId!));
    }

    /// <summary>Drops events meant for someone else (a voter's own votes, an anonymous author's own copy) and masked
    /// copies meant for everyone but this viewer. Allocates only when it drops.</summary>
    public static IReadOnlyList<BoardEvent> EventsFor(string viewerId, IReadOnlyList<BoardEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var keep = 0;
        foreach (var e in events)
        {
            if (Visible(e, viewerId))
            {
                keep++;
            }
        }

        if (keep == events.Count)
        {
            return events;
        }

        var result = new List<BoardEvent>(keep);
        foreach (var e in events)
        {
            if (Visible(e, viewerId))
            {
                result.Add(e);
            }
        }

        return result;
    }

    private static bool Visible(BoardEvent e, string viewerId) =>
        (e.VisibleTo is null || string.Equals(e.VisibleTo, viewerId, StringComparison.Ordinal))
        && (e.HiddenFrom is null || !e.HiddenFrom.Contains(viewerId, StringComparer.Ordinal));
}
