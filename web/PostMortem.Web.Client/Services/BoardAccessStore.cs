using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostMortem.Web.Client.Services;

/// <summary>This browser's access to a board: the participant it joined as and the board token the server gave.</summary>
public sealed record StoredAccess(string ParticipantId, string Token, string? Name = null);

/// <summary>
/// What this browser remembers per board, in localStorage under the keys the first (TypeScript) client used, so a
/// browser that joined before the switch keeps its seat: <c>pm:access:{board}</c>, <c>pm:readkey:{board}</c>,
/// <c>pm:name</c>; and, from the facilitator link, <c>pm:joincode:{board}</c>. A store that cannot be read is treated as
/// empty.
/// </summary>
public sealed class BoardAccessStore(BrowserStorage storage)
{
    public async ValueTask<StoredAccess?> AccessAsync(string boardId) =>
        Read(await storage.GetItemAsync(AccessKey(boardId)), StoredJson.Default.StoredAccess);

    public ValueTask SaveAccessAsync(string boardId, StoredAccess access) =>
        storage.SetItemAsync(AccessKey(boardId), JsonSerializer.Serialize(access, StoredJson.Default.StoredAccess));

    public ValueTask ForgetAccessAsync(string boardId) => storage.RemoveItemAsync(AccessKey(boardId));

    public async ValueTask<string?> ReadKeyAsync(string boardId) =>
        Read(await storage.GetItemAsync($"pm:readkey:{boardId}"), StoredJson.Default.String);

    public ValueTask SaveReadKeyAsync(string boardId, string readKey) =>
        storage.SetItemAsync($"pm:readkey:{boardId}", JsonSerializer.Serialize(readKey, StoredJson.Default.String));

    /// <summary>The join code the facilitator link gave this browser, to share the join link again.</summary>
    public async ValueTask<string?> JoinCodeAsync(string boardId) =>
        Read(await storage.GetItemAsync($"pm:joincode:{boardId}"), StoredJson.Default.String);

    public ValueTask SaveJoinCodeAsync(string boardId, string joinCode) =>
        storage.SetItemAsync($"pm:joincode:{boardId}", JsonSerializer.Serialize(joinCode, StoredJson.Default.String));

    /// <summary>The name this browser last joined with, offered again on the next join.</summary>
    public async ValueTask<string?> LastNameAsync() => Read(await storage.GetItemAsync("pm:name"), StoredJson.Default.String);

    public ValueTask SaveLastNameAsync(string name) => storage.SetItemAsync("pm:name", JsonSerializer.Serialize(name, StoredJson.Default.String));

    private static string AccessKey(string boardId) => $"pm:access:{boardId}";

    private static T? Read<T>(string? json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (string.IsNullOrEmpty(json))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredAccess))]
[JsonSerializable(typeof(string))]
internal sealed partial class StoredJson : JsonSerializerContext;
