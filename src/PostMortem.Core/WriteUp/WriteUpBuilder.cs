using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core.WriteUp;

/// <summary>Builds the one-page write-up from a board. Pure: the same state gives the same write-up.</summary>
public static class WriteUpBuilder
{
    /// <summary>Without chosen actions, the write-up lists this many from the top of the ranking.</summary>
    public const int TopActionsWhenNoneChosen = 3;

    /// <param name="namesAsRoles">Replace people's names in texts, owners and sign-offs with their role in the incident
    /// ("on-call engineer"; without one "facilitator", "participant 2"), for sharing beyond the room (NameMasks).</param>
    public static WriteUpModel Build(BoardState state, bool namesAsRoles)
    {
        ArgumentNullException.ThrowIfNull(state);
        var meta = state.Meta;
        var names = namesAsRoles ? NameMasks.For(state) : null;
        string T(string text) => names is null ? text : names.Apply(text);

        var derived = Internal.Analysis.Derive(state, meta.UpdatedAt);
        var zone = TimeZones.FindOrUtc(meta.TimeZone);
        var notes = Sorted.Notes(state);

        var timeline = new List<WriteUpTimelineRow>();
        var factors = new List<Note>();
        var actionNotes = new List<Note>();
        foreach (var note in notes)
        {
            if (Rules.IsTimelineLane(note.Kind) && note.OccurredAt is { } at)
            {
                timeline.Add(new WriteUpTimelineRow(at, TimeZones.FormatLocal(at, zone), note.Kind, T(note.Text), note.KeyMoment));
            }
            else if (note.Kind == NoteKind.ContributingFactor)
            {
                factors.Add(note);
            }
            else if (note.Action is { Chosen: true })
            {
                actionNotes.Add(note);
            }
        }

        // Stable sort: equal times keep creation order.
        timeline = [.. timeline.OrderBy(r => r.At.UtcTicks)];
        factors.Sort(static (a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : Sorted.ByCreation(a, b));

        var tallies = meta.VotesRevealed ? Internal.Analysis.Tallies(state) : null;
        var rankOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < derived.Ranking.Count; i++)
        {
            rankOf[derived.Ranking[i]] = i;
        }

        if (actionNotes.Count == 0)
        {
            for (var i = 0; i < derived.Ranking.Count && i < TopActionsWhenNoneChosen; i++)
            {
                actionNotes.Add(state.Notes[derived.Ranking[i]]);
            }
        }
        else
        {
            actionNotes.Sort((a, b) =>
            {
                var ra = rankOf.GetValueOrDefault(a.Id, int.MaxValue);
                var rb = rankOf.GetValueOrDefault(b.Id, int.MaxValue);
                return ra != rb ? ra.CompareTo(rb) : Sorted.ByCreation(a, b);
            });
        }

        var actions = actionNotes.ConvertAll(n =>
        {
            var a = n.Action!;
            return new WriteUpAction(
                n.Id,
                T(n.Text),
                a.Owner is null ? null : names?.Owner(a) ?? a.Owner,
                a.DueDate,
                a.ActionKind,
                a.Status,
                a.TrackerUrl,
                a.AcknowledgedAt is not null,
                tallies?.GetValueOrDefault(n.Id) ?? 0);
        });

        var stopped = new HashSet<string>(derived.StoppedTooEarly, StringComparer.Ordinal);
        var chains = Sorted.Chains(state).ConvertAll(c => new WriteUpChain(
            T(c.Symptom),
            [.. c.Steps.Select(s => new WriteUpStep(T(s.Question), T(s.Answer), string.Equals(s.Id, c.RootCauseStepId, StringComparison.Ordinal)))],
            stopped.Contains(c.Id)));

        return new WriteUpModel(
            meta.BoardId,
            T(meta.Title),
            meta.IncidentAt,
            meta.IncidentType,
            meta.Severity,
            meta.TimeZone,
            T(meta.Summary),
            T(meta.Impact),
            timeline,
            derived.Gaps,
            derived.LargestGap,
            derived.RootCause is null ? null : T(derived.RootCause),
            chains,
            factors.ConvertAll(f => T(f.Text)),
            actions,
            meta.FollowUpDate,
            names is null ? [.. state.SignOffs] : [.. state.SignOffs.Select(s => s with { Name = names.SignOff(s), ActorId = "" })],
            meta.ClosedAt);
    }
}
