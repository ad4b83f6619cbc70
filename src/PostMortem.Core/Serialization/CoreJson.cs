using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// The one JSON format for commands, entries, events, views and state: camelCase names, enums as
/// camelCase strings, nulls omitted, source-generated (no reflection). Stored entries and snapshots
/// carry <see cref="FormatVersion"/> so a later format can read an earlier one.
/// </summary>
public static class CoreJson
{
    /// <summary>Version of the stored JSON format (entries, snapshots). Bump on an incompatible change.</summary>
    public const int FormatVersion = 1;

    public static CoreJsonContext Context => CoreJsonContext.Default;

    public static JsonSerializerOptions Options => CoreJsonContext.Default.Options;

    public static string SerializeCommand(BoardCommand command) => JsonSerializer.Serialize(command, CoreJsonContext.Default.BoardCommand);

    /// <summary>Reads a command; throws <see cref="JsonException"/> on malformed JSON, a missing or unknown "type".</summary>
    public static BoardCommand DeserializeCommand(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CoreJsonContext.Default.BoardCommand) ?? throw new JsonException("null command");
        }
        catch (NotSupportedException e)
        {
            // A payload without "type" asks for the abstract base; to a caller that is malformed input too.
            throw new JsonException(e.Message, e);
        }
    }

    public static BoardCommand DeserializeCommand(JsonElement element)
    {
        try
        {
            return element.Deserialize(CoreJsonContext.Default.BoardCommand) ?? throw new JsonException("null command");
        }
        catch (NotSupportedException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public static string SerializeEntry(LogEntry entry) =>
        JsonSerializer.Serialize(new StoredEntry(FormatVersion, entry.Seq, entry.At, entry.ActorId, entry.ClientOpId, entry.Command), CoreJsonContext.Default.StoredEntry);

    public static LogEntry DeserializeEntry(string json)
    {
        var stored = JsonSerializer.Deserialize(json, CoreJsonContext.Default.StoredEntry) ?? throw new JsonException("null entry");
        if (stored.V > FormatVersion)
        {
            throw new JsonException($"entry format {stored.V} is newer than this build reads ({FormatVersion})");
        }

        return new LogEntry(stored.Seq, stored.At, stored.Actor, stored.Op, stored.Command);
    }

    public static string SerializeState(BoardState state) =>
        JsonSerializer.Serialize(new StoredState(FormatVersion, state), CoreJsonContext.Default.StoredState);

    public static BoardState DeserializeState(string json)
    {
        var stored = JsonSerializer.Deserialize(json, CoreJsonContext.Default.StoredState) ?? throw new JsonException("null state");
        if (stored.V > FormatVersion)
        {
            throw new JsonException($"state format {stored.V} is newer than this build reads ({FormatVersion})");
        }

        return stored.State;
    }

    /// <summary>
    /// Hash over a canonical form: every keyed collection ordered by id, so replicas whose dictionaries
    /// were built in different insertion orders (one replayed, one loaded from a snapshot) agree.
    /// </summary>
    public static string StateHash(BoardState state)
    {
        var canonical = new CanonicalState(
            state.Meta,
            [.. state.Participants.Values.OrderBy(p => p.Id, StringComparer.Ordinal)],
            [.. state.Notes.Values.OrderBy(n => n.Id, StringComparer.Ordinal)],
            [.. state.Chains.Values.OrderBy(c => c.Id, StringComparer.Ordinal)],
            [.. state.Votes.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new KeyValuePair<string, List<string>>(v.Key, v.Value))],
            [.. state.SignOffs],
            state.Secrets,
            [.. state.RecentOps.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => new KeyValuePair<string, List<AppliedOp>>(o.Key, o.Value))]);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical, CoreJsonContext.Default.CanonicalState);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}

/// <summary>Stored form of a log entry; short names because every entry is stored and sent.</summary>
public sealed record StoredEntry(int V, long Seq, DateTimeOffset At, string Actor, string Op, BoardCommand Command);

public sealed record StoredState(int V, BoardState State);

public sealed record CanonicalState(
    BoardMeta Meta,
    List<Participant> Participants,
    List<Note> Notes,
    List<WhyChain> Chains,
    List<KeyValuePair<string, List<string>>> Votes,
    List<SignOff> SignOffs,
    BoardSecrets Secrets,
    List<KeyValuePair<string, List<AppliedOp>>> RecentOps);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // Enums travel as camelCase strings ("contributingFactor"); reading ignores case, so PascalCase
    // written by an earlier build still reads.
    Converters =
    [
        typeof(CamelCaseEnumConverter<Role>), typeof(CamelCaseEnumConverter<Phase>), typeof(CamelCaseEnumConverter<NoteKind>),
        typeof(CamelCaseEnumConverter<KeyMoment>), typeof(CamelCaseEnumConverter<ActionKind>), typeof(CamelCaseEnumConverter<ActionStatus>),
        typeof(CamelCaseEnumConverter<IncidentType>), typeof(CamelCaseEnumConverter<AgendaPreset>), typeof(CamelCaseEnumConverter<TimerStatus>),
        typeof(CamelCaseEnumConverter<OutcomeStatus>), typeof(CamelCaseEnumConverter<IncidentStatus>),
    ],
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = false,
    MaxDepth = 32)]
[JsonSerializable(typeof(BoardCommand))]
[JsonSerializable(typeof(StoredEntry))]
[JsonSerializable(typeof(StoredState))]
[JsonSerializable(typeof(CanonicalState))]
[JsonSerializable(typeof(BoardEvent))]
[JsonSerializable(typeof(IReadOnlyList<BoardEvent>))]
[JsonSerializable(typeof(BoardView))]
[JsonSerializable(typeof(Outcome))]
[JsonSerializable(typeof(Derived))]
[JsonSerializable(typeof(Affordances))]
[JsonSerializable(typeof(BoardSnapshot))]
[JsonSerializable(typeof(WriteUp.WriteUpModel))]
[JsonSerializable(typeof(List<CoachFlag>))]
public sealed partial class CoreJsonContext : JsonSerializerContext;

/// <summary>
/// The product's one enum format: written as camelCase strings ("contributingFactor"), read ignoring case.
/// Public so every other JSON surface (HTTP bodies, the incident log) writes enums exactly as Core does.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
