using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// HTTP request and response bodies of the board API, team access and health (docs/PROTOCOL.md, section 6).
// Names are protocol: never rename one.

public sealed record CreateBoardRequest(
    string? Title,
    DateTimeOffset? IncidentAt,
    IncidentType? IncidentType,
    int? Severity,
    string? FacilitatorName,
    AgendaPreset? AgendaPreset = null,
    IReadOnlyList<AgendaSlot>? CustomAgenda = null,
    string? TimeZone = null,
    string? PrimeDirective = null,
    string? PreWork = null,
    IReadOnlyList<Phase>? AnonymousPhases = null);

/// <param name="ImportErrors">Pre-work lines that could not be read (the others became timeline notes).</param>
/// <param name="PreWorkRejected">Set when the pre-work as a whole was refused; the board exists anyway.</param>
public sealed record CreateBoardResponse(
    string BoardId,
    string JoinCode,
    string FacilitatorSecret,
    string ReadKey,
    string ParticipantId,
    string Token,
    IReadOnlyList<ImportLineError>? ImportErrors = null,
    ErrorBody? PreWorkRejected = null,
    IReadOnlyList<PreviousOpenAction>? PreviousOpenActions = null);

public sealed record ErrorBody(string Code, string Message);

public sealed record JoinBoardRequest(string? JoinCode, string? Name);

public sealed record ReclaimRequest(string? FacilitatorSecret);

/// <param name="ReadKey">Only in the facilitator-secret answer: the board's read key, so any browser that takes the
/// role back can also open the write-up and sign-off links.</param>
/// <param name="ReadKey">Answered to the facilitator link only: the board's read key.</param>
/// <param name="JoinCode">Answered to the facilitator link only: the board's join code, to share again.</param>
public sealed record ParticipantTokenResponse(string BoardId, string ParticipantId, string Token, string? ReadKey = null, string? JoinCode = null);

public sealed record SignOffRequest(string? Key, string? Name);

public sealed record SignOffResponse(long Seq);

public sealed record HealthResponse(
    string Status, string Log, long UptimeSeconds, int BoardsLoaded, int Connections, IReadOnlyDictionary<string, string> Checks,
    IReadOnlyDictionary<string, string>? Reasons = null);

/// <summary>GET /api/team: whether this browser holds the team credential, and where to sign in when SSO is on.</summary>
public sealed record TeamSessionResponse(bool SignedIn, string? SignIn = null);

/// <summary>POST /api/team/rotate: the new team link (share it with the team; the old one no longer works).</summary>
public sealed record TeamLinkResponse(string Link);
