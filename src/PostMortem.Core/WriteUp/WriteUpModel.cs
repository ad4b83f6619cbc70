using PostMortem.Core.Model;

namespace PostMortem.Core.WriteUp;

/// <summary>The one-page write-up: what the meeting produced, ready to render or export.</summary>
public sealed record WriteUpModel(
    string BoardId,
    string Title,
    DateTimeOffset IncidentAt,
    IncidentType IncidentType,
    int Severity,
    string TimeZone,
    string Summary,
    string Impact,
    IReadOnlyList<WriteUpTimelineRow> Timeline,
    IReadOnlyList<TimelineGap> Gaps,
    string? LargestGap,
    string? RootCause,
    IReadOnlyList<WriteUpChain> Chains,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<WriteUpAction> Actions,
    DateOnly? FollowUpDate,
    IReadOnlyList<SignOff> SignOffs,
    DateTimeOffset? ClosedAt);

/// <param name="Local">The time shown in the incident's time zone, "yyyy-MM-dd HH:mm".</param>
public sealed record WriteUpTimelineRow(DateTimeOffset At, string Local, NoteKind Lane, string Text, KeyMoment? KeyMoment);

public sealed record WriteUpChain(string Symptom, IReadOnlyList<WriteUpStep> Steps, bool StoppedTooEarly);

public sealed record WriteUpStep(string Question, string Answer, bool IsRootCause);

public sealed record WriteUpAction(
    string NoteId,
    string Text,
    string? Owner,
    DateOnly? DueDate,
    ActionKind Kind,
    ActionStatus Status,
    string? TrackerUrl,
    bool Acknowledged,
    int Votes);
