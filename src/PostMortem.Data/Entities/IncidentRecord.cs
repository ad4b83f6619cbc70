using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Entities;

/// <summary>One post-mortem in the incident log: written when its board is closed, kept in sync as
/// its actions are followed up.</summary>
public sealed class IncidentRecord
{
    public string BoardId { get; set; } = "";
    public string Title { get; set; } = "";
    public DateTimeOffset IncidentAt { get; set; }
    /// <summary>The incident's date in its own time zone: what the log shows and filters on.</summary>
    public DateOnly IncidentDate { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public IncidentType IncidentType { get; set; }
    public int Severity { get; set; }
    public string Summary { get; set; } = "";
    public string Impact { get; set; } = "";
    public string RootCause { get; set; } = "";
    public IncidentStatus Status { get; set; }
    public DateOnly? FollowUpDate { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    // The timeline's key moments (Core's KeyMoment, the note's OccurredAt), for the insights' time to detect and
    // time to resolve. Null when no note is marked with that moment.
    public DateTimeOffset? TriggerAt { get; set; }
    public DateTimeOffset? ImpactStartAt { get; set; }
    public DateTimeOffset? DetectedAt { get; set; }
    public DateTimeOffset? MitigatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>Board sequence number this record reflects; a record is never replaced by one
    /// built from an earlier state (two instances may both write it).</summary>
    public long Seq { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ActionRecord> Actions { get; set; } = [];
    public List<ContributingFactorRecord> ContributingFactors { get; set; } = [];
    public List<SignOffRecord> SignOffs { get; set; } = [];
}
