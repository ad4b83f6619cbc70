using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

/// <summary>
/// The JSON of the wire contract: Core's conventions (camelCase names, enums as camelCase strings read ignoring case,
/// nulls omitted), Core's types (commands, events, views) resolved by <see cref="CoreJsonContext"/> and the protocol's
/// records by <see cref="ProtocolJsonContext"/>. The server's hub and HTTP bodies use it, and so does any C# client,
/// so both ends read and write the same bytes (docs/protocol/*.json).
/// </summary>
public static class ProtocolJson
{
    /// <summary>Options for hub payloads (SignalR's JSON protocol, and the MessagePack one shaped like it).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(CoreJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(CoreJsonContext.Default, ProtocolJsonContext.Default),
        };
        UseEnumFormat(options);
        return options;
    }

    /// <summary>
    /// Adds Core's enum converters that <paramref name="options"/> lack. A source-generated context used under options
    /// it did not generate (as ASP.NET's HTTP options are) only sees converters that are in those options; without
    /// them an enum would fall back to a number and a body with "agendaPreset":"ninety" could not be read.
    /// </summary>
    public static void UseEnumFormat(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var converter in CoreJson.Options.Converters)
        {
            // The converter type names its enum (CamelCaseEnumConverter<Phase>); one per enum is enough.
            if (!options.Converters.Any(c => c.GetType() == converter.GetType()))
            {
                options.Converters.Add(converter);
            }
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Core's enum format, for this context's own options; options made elsewhere get it from ProtocolJson.UseEnumFormat.
    Converters =
    [
        typeof(CamelCaseEnumConverter<Role>), typeof(CamelCaseEnumConverter<Phase>), typeof(CamelCaseEnumConverter<NoteKind>),
        typeof(CamelCaseEnumConverter<KeyMoment>), typeof(CamelCaseEnumConverter<ActionKind>), typeof(CamelCaseEnumConverter<ActionStatus>),
        typeof(CamelCaseEnumConverter<IncidentType>), typeof(CamelCaseEnumConverter<AgendaPreset>), typeof(CamelCaseEnumConverter<TimerStatus>),
        typeof(CamelCaseEnumConverter<OutcomeStatus>), typeof(CamelCaseEnumConverter<IncidentStatus>),
    ],
    MaxDepth = 32)]
// The hub.
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(SubmitRequest))]
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
// Boards over HTTP, team access, health.
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
// The incident log.
[JsonSerializable(typeof(IReadOnlyList<IncidentRow>))]
[JsonSerializable(typeof(IncidentDetail))]
[JsonSerializable(typeof(IReadOnlyList<ActionView>))]
[JsonSerializable(typeof(ActionStatusRequest))]
[JsonSerializable(typeof(ActionStatusResponse))]
// Outgoing webhooks (hand-off).
[JsonSerializable(typeof(WebhookEvent))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
