using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

/// <summary>
/// One viewer's copy of the board: the <see cref="BoardView"/> of a Join snapshot, kept current by applying every later
/// entry's events as that viewer receives them (docs/PROTOCOL.md 3.4). Events are whole-entity replacements computed by
/// Core, so nothing here decides a rule: it only puts things where the view keeps them. Applying entries seq+1, seq+2, …
/// gives exactly <see cref="Board.ViewFor"/> of that viewer at the last one (tested against the worked example).
/// </summary>
/// <remarks>
/// Views are immutable to their readers: every applied entry makes a new <see cref="BoardView"/> (unchanged lists and
/// entities are shared, a changed list is copied), so a UI can hold the previous one while rendering the next. Entities
/// carried by events are never changed in place: the server hands the same event objects to every viewer.
/// </remarks>
public sealed class ViewReplica
{
    public ViewReplica(BoardView joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        View = joined;
    }

    /// <summary>The view at <see cref="Seq"/>.</summary>
    public BoardView View { get; private set; }

    /// <summary>The last sequence number applied.</summary>
    public long Seq => View.Seq;

    /// <summary>Applies the next entry (its seq must be <see cref="Seq"/> + 1: the caller orders entries, R2).</summary>
    public void Apply(EntryMessage entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Apply(entry.Seq, entry.At, entry.Status == AckStatus.Accepted, entry.Events);
    }

    /// <summary>
    /// Applies the next entry from its parts: <paramref name="events"/> as this viewer receives them
    /// (<see cref="Board.EventsFor"/>), <paramref name="accepted"/> false for a rejected or duplicate entry (no events).
    /// </summary>
    public void Apply(long seq, DateTimeOffset at, bool accepted, IReadOnlyList<BoardEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (seq != View.Seq + 1)
        {
            throw new InvalidOperationException($"entry {seq} applied to a view at seq {View.Seq}: entries must be applied in order");
        }

        View = Next(View, seq, at, accepted, events);
    }

    /// <summary>The view after one entry. Pure: <paramref name="view"/> is left as it was.</summary>
    public static BoardView Next(BoardView view, long seq, DateTimeOffset at, bool accepted, IReadOnlyList<BoardEvent> events)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(events);
        var next = view;
        if (accepted)
        {
            foreach (var e in events)
            {
                next = With(next, e);
            }
        }

        // Every entry, rejected ones too, moves the board's seq; only an accepted one moves its updatedAt (BoardMeta's
        // own definition of both). A meta event carries both already; an entry without one leaves them to the client.
        var meta = Internal.Cloning.Clone(next.Meta);
        meta.Seq = seq;
        if (accepted)
        {
            meta.UpdatedAt = at.ToUniversalTime();
        }

        return next with { Seq = seq, Meta = meta };
    }

    private static BoardView With(BoardView view, BoardEvent e) => e switch
    {
        MetaChanged m => view with { Meta = m.Meta },
        ParticipantChanged p => view with { Participants = Upsert(view.Participants, p.Participant, static x => x.Id, ParticipantOrder) },
        NoteChanged n => view with { Notes = Upsert(view.Notes, n.Note, static x => x.Id, Internal.Sorted.ByCreation) },
        NoteRemoved r => view with { Notes = Remove(view.Notes, r.NoteId, static x => x.Id) },
        ChainChanged c => view with { Chains = Upsert(view.Chains, c.Chain, static x => x.Id, ChainOrder) },
        ChainRemoved r => view with { Chains = Remove(view.Chains, r.ChainId, static x => x.Id) },
        MyVotesChanged v => view with { MyVotes = [.. v.NoteIds] },
        TalliesChanged t => view with { Tallies = new Dictionary<string, int>(t.Tallies, StringComparer.Ordinal) },
        DerivedChanged d => view with { Derived = d.Derived },
        SignOffAdded s => view with { SignOffs = [.. view.SignOffs, s.SignOff] },
        // The view's role is the one its affordances were computed for.
        AffordancesChanged a => view with { Affordances = a.Affordances, Role = a.Affordances.Role },
        // An event this build does not know (a newer server): the rest of the entry still applies.
        _ => view,
    };

    // The orders Board.ViewFor lists entities in (docs/PROTOCOL.md 3.4): an upsert puts the entity where a fresh view would.
    private static int ParticipantOrder(Participant a, Participant b)
    {
        var c = a.JoinedAt.UtcTicks.CompareTo(b.JoinedAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int ChainOrder(WhyChain a, WhyChain b)
    {
        var c = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    private static List<T> Upsert<T>(IReadOnlyList<T> items, T item, Func<T, string> idOf, Comparison<T> order)
    {
        var id = idOf(item);
        var list = new List<T>(items.Count + 1);
        var at = -1;
        foreach (var x in items)
        {
            if (!string.Equals(idOf(x), id, StringComparison.Ordinal))
            {
                if (at < 0 && order(item, x) < 0)
                {
                    at = list.Count;
                }

                list.Add(x);
            }
        }

        list.Insert(at < 0 ? list.Count : at, item);
        return list;
    }

    private static List<T> Remove<T>(IReadOnlyList<T> items, string id, Func<T, string> idOf) =>
        items.Where(x => !string.Equals(idOf(x), id, StringComparison.Ordinal)).ToList();
}
