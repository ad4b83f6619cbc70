using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// Incident insights (docs/PROTOCOL.md, "6.3 Incident insights"; docs/FEATURES.md, "Incident insights"). PostMortem.Data's
// queries build them from the incident records; the /insights page draws them and each chart's CSV lists them.
// Every number is decided there: a page or a CSV writer only shows it.

/// <summary>Everything the insights page shows for one period and incident type.</summary>
/// <param name="Months">Every month of the period, oldest first, as <c>yyyy-MM</c> (the incident's date in its own time zone).</param>
/// <param name="Today">The server's date that "overdue" was judged against.</param>
public sealed record InsightsReport(
    string From,
    string To,
    IncidentType? Type,
    DateOnly Today,
    IReadOnlyList<string> Months,
    IncidentCounts Incidents,
    ResponseTimes Response,
    IReadOnlyList<CauseTheme> Causes,
    FollowThrough FollowThrough);

/// <summary>Incidents per month, split by type and by severity. Only types and severities that occur are listed.</summary>
public sealed record IncidentCounts(
    IReadOnlyList<int> Total,
    IReadOnlyList<InsightsSeries> ByType,
    IReadOnlyList<InsightsSeries> BySeverity);

/// <summary>A row of numbers, one per month of the report. <paramref name="Key"/> is the incident type (camelCase, as on the
/// wire) or the severity ("1" to "5").</summary>
public sealed record InsightsSeries(string Key, IReadOnlyList<double?> Values);

/// <summary>
/// Time to detect (Detected − ImpactStart, or − Trigger without an ImpactStart) and time to resolve (Resolved − the same
/// start) per incident, in minutes, and their medians per month over the incidents that have them.
/// </summary>
public sealed record ResponseTimes(
    IReadOnlyList<IncidentResponse> Incidents,
    IReadOnlyList<double?> MedianDetectMinutes,
    IReadOnlyList<double?> MedianResolveMinutes,
    double? OverallDetectMinutes,
    double? OverallResolveMinutes);

/// <param name="StartedWith">Which key moment the times are measured from: <c>impactStart</c>, <c>trigger</c>, or null without either.</param>
public sealed record IncidentResponse(
    string BoardId,
    string Title,
    DateOnly Date,
    string Month,
    string? StartedWith,
    double? DetectMinutes,
    double? ResolveMinutes);

/// <summary>
/// Root causes and contributing factors that resemble each other (Core's <see cref="Similarity"/>), grouped: how many
/// incidents of the period share the theme, in words a person can check.
/// </summary>
/// <param name="Text">The theme's earliest wording.</param>
/// <param name="SharedWords">The words its texts share most (as first written).</param>
public sealed record CauseTheme(
    string Text,
    int Incidents,
    int RootCauses,
    int ContributingFactors,
    IReadOnlyList<string> SharedWords,
    IReadOnlyList<CauseThemeIncident> Examples);

public sealed record CauseThemeIncident(string BoardId, string Title, DateOnly Date, string Kind, string Text);

/// <summary>
/// Chosen actions by the month of their incident: each is done, dropped (won't do), overdue (due before
/// <see cref="InsightsReport.Today"/> and neither done nor dropped) or open. Days to done run from the post-mortem's
/// close to the moment the action became done.
/// </summary>
public sealed record FollowThrough(
    IReadOnlyList<int> Done,
    IReadOnlyList<int> Open,
    IReadOnlyList<int> Overdue,
    IReadOnlyList<int> Dropped,
    IReadOnlyList<double?> MedianDaysToDone,
    double? OverallMedianDaysToDone,
    int DoneWithoutTime);
