using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// What the board shows that follows from the state. O(notes + chains): it runs after each accepted
/// entry. Reads: notes (kinds, times, key moments, flags, action details), chains (steps, marks, flags),
/// votes, the reveal and tie-break order, the incident time, the time zone and "now". A command
/// that touches none of these is listed in <see cref="Reducer"/> as not affecting the derived output.
/// </summary>
internal static class Analysis
{
    /// <summary>The meeting is late when held more than this long after the incident.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(48);

    private static readonly (string Name, KeyMoment From, KeyMoment To)[] _gaps =
    [
        ("changeToSymptom", KeyMoment.Trigger, KeyMoment.ImpactStart),
        ("symptomToDetection", KeyMoment.ImpactStart, KeyMoment.Detected),
        ("detectionToResolution", KeyMoment.Detected, KeyMoment.Resolved),
        ("detectionToMitigation", KeyMoment.Detected, KeyMoment.Mitigated),
    ];

    /// <summary>The first three gaps are the ones the largest is chosen from (PRODUCT: change→symptom,
    /// symptom→detection, detection→resolution); detection→mitigation is shown as extra information.</summary>
    private const int MainGaps = 3;

    /// <summary>
    /// "Late" compares "now" — the time of the entry being applied, i.e. when the board is being worked
    /// on — with the incident time, rather than the board's creation: pre-work often starts the same day
    /// while the meeting itself slips, and the meeting is what should be held within 48 hours.
    /// </summary>
    public static bool IsLate(BoardState state, DateTimeOffset now) =>
        state.Meta.Created && now - state.Meta.IncidentAt > LateAfter;

    public static Derived Derive(BoardState state, DateTimeOffset now)
    {
        var meta = state.Meta;
        var moments = new Note?[(int)KeyMoment.Resolved + 1];
        var coach = new int[(int)Phase.Close + 1];
        var chosen = 0;
        List<Note>? notReady = null;
        List<Note>? actions = meta.VotesRevealed ? [] : null;

        foreach (var note in state.Notes.Values)
        {
            coach[(int)Permissions.PhaseOf(note.Kind)] += note.Flags.Count;
            if (note.KeyMoment is { } m && note.OccurredAt is not null
                && (moments[(int)m] is not { } held || string.CompareOrdinal(note.Id, held.Id) < 0))
            {
                moments[(int)m] = note;
            }

            if (note.Action is { } a)
            {
                actions?.Add(note);
                if (a.Chosen)
                {
                    chosen++;
                    if (!Reducer.IsReady(a))
                    {
                        (notReady ??= []).Add(note);
                    }
                }
            }
        }

        var gaps = new List<TimelineGap>(_gaps.Length);
        string? largest = null;
        long largestMinutes = long.MinValue;
        for (var i = 0; i < _gaps.Length; i++)
        {
            var (name, from, to) = _gaps[i];
            if (moments[(int)from]?.OccurredAt is not { } fromAt || moments[(int)to]?.OccurredAt is not { } toAt)
            {
                continue;
            }

            var minutes = (long)Math.Floor((toAt - fromAt).TotalMinutes);
            gaps.Add(new TimelineGap(name, from, to, fromAt, toAt, minutes));
            if (i < MainGaps && minutes > largestMinutes)
            {
                largest = name;
                largestMinutes = minutes;
            }
        }

        List<string>? stopped = null;
        string? rootCause = null;
        foreach (var chain in Sorted.Chains(state))
        {
            coach[(int)Phase.RootCause] += chain.Flags.Count;
            foreach (var step in chain.Steps)
            {
                coach[(int)Phase.RootCause] += step.Flags.Count;
                if (rootCause is null && string.Equals(step.Id, chain.RootCauseStepId, StringComparison.Ordinal))
                {
                    rootCause = RootCauseText(step);
                }
            }

            if (chain.Steps.Count > 0 && LanguageCoach.StopsAtPerson(chain.Steps[^1]))
            {
                (stopped ??= []).Add(chain.Id);
            }
        }

        var coachCounts = new Dictionary<Phase, int>(coach.Length);
        for (var p = 0; p < coach.Length; p++)
        {
            coachCounts[(Phase)p] = coach[p];
        }

        var voters = 0;
        foreach (var votes in state.Votes.Values)
        {
            if (votes.Count > 0)
            {
                voters++;
            }
        }

        int present = 0, ready = 0;
        foreach (var p in state.Participants.Values)
        {
            if (!p.Left && !p.Removed)
            {
                present++;
                ready += p.Ready ? 1 : 0;
            }
        }

        notReady?.Sort(Sorted.ByCreation);
        var ranking = actions is null ? [] : Rank(state, actions);
        return new Derived(
            gaps,
            largest,
            ranking,
            Ties(state, ranking),
            chosen,
            chosen > Reducer.RecommendedActions,
            notReady is null ? [] : notReady.ConvertAll(n => n.Id),
            stopped ?? [],
            coachCounts,
            voters,
            IsLate(state, now),
            rootCause,
            present,
            ready,
            ActionChecks.For(state, now));
    }

    /// <summary>A root-cause step is read as its answer; a step written only as a question reads as that.</summary>
    public static string RootCauseText(WhyStep step) => step.Answer.Length > 0 ? step.Answer : step.Question;

    /// <summary>Vote totals per action note that has votes, ordered by id (the form clients receive).</summary>
    public static SortedDictionary<string, int> Tallies(BoardState state) => new(Counts(state), StringComparer.Ordinal);

    private static Dictionary<string, int> Counts(BoardState state)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var votes in state.Votes.Values)
        {
            foreach (var id in votes)
            {
                if (state.Notes.ContainsKey(id))
                {
                    counts[id] = counts.TryGetValue(id, out var n) ? n + 1 : 1;
                }
            }
        }

        return counts;
    }

    private readonly record struct RankKey(Note Note, int Votes, int Tie);

    /// <summary>By votes (most first); ties by the facilitator's order, then creation, then id.</summary>
    public static List<string> Rank(BoardState state, List<Note> actions)
    {
        var counts = Counts(state);
        var order = state.Meta.TieBreakOrder;
        var tieRank = new Dictionary<string, int>(order.Count, StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            tieRank.TryAdd(order[i], i);
        }

        var keys = new RankKey[actions.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var note = actions[i];
            keys[i] = new RankKey(note, counts.GetValueOrDefault(note.Id), tieRank.TryGetValue(note.Id, out var tie) ? tie : int.MaxValue);
        }

        Array.Sort(keys, static (a, b) =>
            a.Votes != b.Votes ? b.Votes.CompareTo(a.Votes)
            : a.Tie != b.Tie ? a.Tie.CompareTo(b.Tie)
            : Sorted.ByCreation(a.Note, b.Note));
        var ranking = new List<string>(keys.Length);
        foreach (var key in keys)
        {
            ranking.Add(key.Note.Id);
        }

        return ranking;
    }

    private static List<string> Ties(BoardState state, List<string> ranking)
    {
        if (ranking.Count < 2)
        {
            return [];
        }

        var counts = Counts(state);
        var ties = new List<string>();
        for (var i = 1; i < ranking.Count; i++)
        {
            if (counts.GetValueOrDefault(ranking[i]) == counts.GetValueOrDefault(ranking[i - 1]))
            {
                ties.Add(ranking[i]);
            }
        }

        return ties;
    }

    /// <summary>Value equality of two derived outputs (records compare their lists by reference).</summary>
    public static bool Same(Derived a, Derived b)
    {
        if (a.LargestGap != b.LargestGap || a.ChosenActions != b.ChosenActions || a.TooManyActions != b.TooManyActions
            || a.Voters != b.Voters || a.LateMeeting != b.LateMeeting || a.RootCause != b.RootCause
            || a.Present != b.Present || a.Ready != b.Ready
            || !a.Gaps.SequenceEqual(b.Gaps) || !a.Ranking.SequenceEqual(b.Ranking, StringComparer.Ordinal)
            || !a.Ties.SequenceEqual(b.Ties, StringComparer.Ordinal)
            || !a.NotReadyActions.SequenceEqual(b.NotReadyActions, StringComparer.Ordinal)
            || !a.StoppedTooEarly.SequenceEqual(b.StoppedTooEarly, StringComparer.Ordinal)
            || a.CoachCounts.Count != b.CoachCounts.Count || !ActionChecks.Same(a.ActionProblems, b.ActionProblems))
        {
            return false;
        }

        foreach (var (phase, count) in a.CoachCounts)
        {
            if (!b.CoachCounts.TryGetValue(phase, out var other) || other != count)
            {
                return false;
            }
        }

        return true;
    }
}
