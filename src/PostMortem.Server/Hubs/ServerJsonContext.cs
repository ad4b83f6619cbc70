using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Server.Auth;
using PostMortem.Server.Http;

using PostMortem.Server.Presence;
using PostMortem.Server.Redis;

namespace PostMortem.Server.Hubs;

/// <summary>
/// Source-generated JSON for the server's own wire types. Same conventions as Core's CoreJson (camelCase
/// names, enums as camelCase strings read ignoring case, nulls omitted); Core types resolve through
/// <see cref="CoreJsonContext"/> first so a command, event or view reads the same on the hub, over HTTP and
/// in storage.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Core's enum format, for this context's own options; runtime options get it from WireJson.
    Converters =
    [
        typeof(CamelCaseEnumConverter<Role>), typeof(CamelCaseEnumConverter<Phase>), typeof(CamelCaseEnumConverter<NoteKind>),
        typeof(CamelCaseEnumConverter<KeyMoment>), typeof(CamelCaseEnumConverter<ActionKind>), typeof(CamelCaseEnumConverter<ActionStatus>),
        typeof(CamelCaseEnumConverter<IncidentType>), typeof(CamelCaseEnumConverter<AgendaPreset>), typeof(CamelCaseEnumConverter<TimerStatus>),
        typeof(CamelCaseEnumConverter<OutcomeStatus>),
    ],
    MaxDepth = 32)]
[JsonSerializable(typeof(TokenPayload))]
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(Ack))]
[JsonSerializable(typeof(PingResult))]
[JsonSerializable(typeof(PresenceRequest))]
[JsonSerializable(typeof(PresenceBatch))]
[JsonSerializable(typeof(FatalMessage))]
[JsonSerializable(typeof(EntryMessage))]
[JsonSerializable(typeof(RawJson))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(CreateBoardRequest))]
[JsonSerializable(typeof(CreateBoardResponse))]
[JsonSerializable(typeof(JoinBoardRequest))]
[JsonSerializable(typeof(ReclaimRequest))]
[JsonSerializable(typeof(ParticipantTokenResponse))]
[JsonSerializable(typeof(SignOffRequest))]
[JsonSerializable(typeof(SignOffResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(TeamSessionResponse))]
[JsonSerializable(typeof(TeamLinkResponse))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    /// <summary>Options for hub payloads: Core's conventions, Core's types first, then ours.</summary>
    public static JsonSerializerOptions CreateHubOptions()
    {
        var options = new JsonSerializerOptions(CoreJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(CoreJsonContext.Default, Default),
        };
        WireJson.UseEnumFormat(options);
        return options;
    }
}
