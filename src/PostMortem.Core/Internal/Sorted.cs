using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Deterministic orders. Dictionary enumeration order differs between a replica that replayed the log
/// and one loaded from a snapshot, so anything that leaves the reducer is ordered explicitly.
/// </summary>
internal static class Sorted
{
    public static List<Participant> Participants(BoardState state)
    {
        var list = new List<Participant>(state.Participants.Values);
        list.Sort(static (a, b) =>
        {
            var c = a.JoinedAt.UtcTicks.CompareTo(b.JoinedAt.UtcTicks);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return list;
    }

    public static List<Note> Notes(BoardState state)
    {
        var list = new List<Note>(state.Notes.Values);
        list.Sort(ByCreation);
        return list;
    }

    public static int ByCreation(Note a, Note b)
    {
        var c = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    public static List<WhyChain> Chains(BoardState state)
    {
        var list = new List<WhyChain>(state.Chains.Values);
        list.Sort(static (a, b) =>
        {
            var c = a.CreatedAt.UtcTicks.CompareTo(b.CreatedAt.UtcTicks);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return list;
    }
}
