using System.Text.Json.Serialization;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;

namespace PostMortem.Server.Endpoints;

// Incident-log HTTP bodies (docs/PROTOCOL.md, "6.1 Incident log"). Names are protocol: never rename one.

/// <summary>PATCH /api/actions/{noteId}: the new status ("open", "inProgress", "done", "wontDo"). The board comes
/// from the caller's token; <see cref="BoardId"/>, when given, must match it.</summary>
public sealed record ActionStatusRequest(string? Status, string? BoardId = null);

/// <param name="Seq">The board-log entry that changed the status.</param>
/// <param name="Action">The action as the incident log now shows it; null while its board was never closed.</param>
public sealed record ActionStatusResponse(string BoardId, string NoteId, ActionStatus Status, long Seq, ActionView? Action);

/// <summary>Stable error codes of the incident-log endpoints (besides the board's own and the server's).</summary>
internal static class IncidentLogCodes
{
    /// <summary>A query-string filter could not be read; the message names the parameter.</summary>
    public const string InvalidFilter = "invalid_filter";

    /// <summary>No post-mortem record for that board (never closed, or no such board).</summary>
    public const string IncidentNotFound = "incident_not_found";

    /// <summary>The PATCH body's status is not an action status.</summary>
    public const string InvalidStatus = "invalid_status";
}

// Enums as Core writes them (camelCase, read ignoring case), like every other JSON the product sends.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(CamelCaseEnumConverter<IncidentType>), typeof(CamelCaseEnumConverter<IncidentStatus>),
        typeof(CamelCaseEnumConverter<ActionKind>), typeof(CamelCaseEnumConverter<ActionStatus>),
    ],
    MaxDepth = 32)]
[JsonSerializable(typeof(IReadOnlyList<IncidentRow>))]
[JsonSerializable(typeof(IncidentDetail))]
[JsonSerializable(typeof(IReadOnlyList<ActionView>))]
[JsonSerializable(typeof(ActionStatusRequest))]
[JsonSerializable(typeof(ActionStatusResponse))]
internal sealed partial class IncidentLogJsonContext : JsonSerializerContext;
