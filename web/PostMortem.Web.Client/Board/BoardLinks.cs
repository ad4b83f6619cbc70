using System.Text.Json;
using System.Text.Json.Serialization;
using PostMortem.Web.Client.Services;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// The links a facilitator shares, as far as this browser knows them. The join code is shown once, when the board is
/// created, and a create page that keeps it does so under <c>pm:links:{board}</c> (the first client's key); the server
/// stores only its hash, so a browser without that entry cannot show the join link. The read key comes with the
/// facilitator link too (<c>pm:readkey:{board}</c>).
/// </summary>
public sealed record BoardLinks(string? JoinLink, string? PreReadLink)
{
    /// <summary>What this browser stored for the board; a store that cannot be read counts as empty.</summary>
    public static async Task<BoardLinks> ReadAsync(BrowserStorage storage, BoardAccessStore access, Uri origin, string boardId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(access);
        StoredLinks? stored = null;
        try
        {
            var json = await storage.GetItemAsync($"pm:links:{boardId}");
            stored = string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, StoredLinksJson.Default.StoredLinks);
        }
        catch (JsonException)
        {
            stored = null;
        }

        var readKey = await access.ReadKeyAsync(boardId) ?? stored?.ReadKey;
        return new BoardLinks(
            string.IsNullOrEmpty(stored?.JoinCode) ? null : new Uri(origin, PageLinks.Join(boardId, stored.JoinCode)).ToString(),
            string.IsNullOrEmpty(readKey) ? null : new Uri(origin, PageLinks.PreRead(boardId, readKey)).ToString());
    }
}

/// <summary>The links the create page keeps for the board's creator.</summary>
public sealed record StoredLinks(string? JoinCode, string? FacilitatorSecret, string? ReadKey);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoredLinks))]
internal sealed partial class StoredLinksJson : JsonSerializerContext;
