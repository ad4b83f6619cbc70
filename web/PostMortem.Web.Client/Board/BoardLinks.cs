using PostMortem.Web.Client.Services;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// The links a facilitator shares, as far as this browser knows them: the facilitator link gives the browser that opens
/// it the join code and the read key (derived from the secret on the server, which stores only hashes), kept by
/// <see cref="BoardAccessStore"/>. A browser that never opened the facilitator link has neither.
/// </summary>
public sealed record BoardLinks(string? JoinLink, string? PreReadLink)
{
    public static async Task<BoardLinks> ReadAsync(BoardAccessStore access, Uri origin, string boardId)
    {
        ArgumentNullException.ThrowIfNull(access);
        var joinCode = await access.JoinCodeAsync(boardId);
        var readKey = await access.ReadKeyAsync(boardId);
        return new BoardLinks(
            string.IsNullOrEmpty(joinCode) ? null : new Uri(origin, PageLinks.Join(boardId, joinCode)).ToString(),
            string.IsNullOrEmpty(readKey) ? null : new Uri(origin, PageLinks.PreRead(boardId, readKey)).ToString());
    }
}
