using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// Everything the board shows that follows from the state: computed by Core only, so clients never
/// re-implement a rule. Recomputed after each accepted entry; sent when it changes.
/// </summary>
public sealed record Derived(
    IReadOnlyList<TimelineGap> Gaps,
    string? LargestGap,
    /// <summary>Action note ids by votes (then tie-break order); empty until votes are revealed.</summary>
    IReadOnlyList<string> Ranking,
    /// <summary>Ranked actions with as many votes as the one ranked just before them: where the facilitator's
    /// tie-break order decides.</summary>
    IReadOnlyList<string> Ties,
    int ChosenActions,
    /// <summary>More than three actions chosen: a warning, not a block.</summary>
    bool TooManyActions,
    /// <summary>Chosen actions without an owner or a due date.</summary>
    IReadOnlyList<string> NotReadyActions,
    /// <summary>Chains whose last answer points at a person.</summary>
    IReadOnlyList<string> StoppedTooEarly,
    /// <summary>Coach flags per phase, for the facilitator.</summary>
    IReadOnlyDictionary<Phase, int> CoachCounts,
    /// <summary>Participants who have voted (not for what), before reveal.</summary>
    int Voters,
    /// <summary>The meeting is held more than 48 hours after the incident.</summary>
    bool LateMeeting,
    /// <summary>The root-cause sentence, from the marked step of the first chain that has one.</summary>
    string? RootCause,
    /// <summary>Participants on the board now (neither left nor removed).</summary>
    int Present,
    /// <summary>Of those, how many marked themselves ready with the current phase.</summary>
    int Ready,
    /// <summary>By action note id (ordered by id; only actions with a problem): what would let the action slip
    /// through to the follow-up list — no owner, no due date, a due date before the meeting's day. Shown where the
    /// action is filled in.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<ActionProblem>> ActionProblems);

/// <summary>Gap between two key moments, e.g. "changeToSymptom" (trigger → impact start).</summary>
public sealed record TimelineGap(string Name, KeyMoment From, KeyMoment To, DateTimeOffset FromAt, DateTimeOffset ToAt, long Minutes);
