namespace PostMortem.Core.Model;

// Enum values travel as camelCase strings (see CoreJson); renaming a member is a wire change.

public enum Role
{
    Facilitator,
    Participant,
    /// <summary>Anyone not in the participant list: may only sign off on actions.</summary>
    Reader,
}

/// <summary>The six phases, in meeting order.</summary>
public enum Phase
{
    SetTheRoom,
    Timeline,
    RootCause,
    ContributingFactors,
    Actions,
    Close,
}

public enum NoteKind
{
    /// <summary>Timeline lane 1: something that happened.</summary>
    Event,
    /// <summary>Timeline lane 2: a signal noticed or missed.</summary>
    Signal,
    /// <summary>A "why" question put aside during the timeline.</summary>
    ParkingLot,
    ContributingFactor,
    Action,
}

public enum KeyMoment
{
    Trigger,
    ImpactStart,
    Detected,
    Mitigated,
    Resolved,
}

public enum ActionKind
{
    ShortTerm,
    LongTerm,
}

public enum ActionStatus
{
    Open,
    InProgress,
    Done,
    WontDo,
}

public enum IncidentType
{
    Deployment,
    Integration,
    External,
    Process,
    Other,
}

public enum AgendaPreset
{
    /// <summary>Set the room 5, timeline 15, root cause 20 (contributing factors folded in), actions 15, close 5.</summary>
    Sixty,
    /// <summary>All six phases.</summary>
    Ninety,
    Custom,
}

public enum TimerStatus
{
    Idle,
    Running,
    Paused,
}

/// <summary>Where a closed post-mortem stands in the incident log. Stored by name and on the wire: renaming a
/// member changes stored data and the protocol.</summary>
public enum IncidentStatus
{
    /// <summary>Closed, with actions still open.</summary>
    FollowUp,
    /// <summary>Closed, every action done (or dropped).</summary>
    Complete,
}
