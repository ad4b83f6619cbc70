using System.Globalization;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Web.Shared.Replay;

/// <summary>Addresses of the session replay page and of its frame fragment (the same query: key, at, roles).</summary>
public static class ReplayLinks
{
    public static string Path(string boardId) => PageLinks.Board(boardId) + "/replay";

    public static string FramePath(string boardId) => Path(boardId) + "/frame";

    public static string Page(string boardId, string? key, long? at = null, bool roles = false) => Path(boardId) + Query(key, at, roles);

    public static string Frame(string boardId, string? key, long at, bool roles) => FramePath(boardId) + Query(key, at, roles);

    private static string Query(string? key, long? at, bool roles)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(key))
        {
            parts.Add("key=" + Uri.EscapeDataString(key));
        }

        if (at is { } seq)
        {
            parts.Add("at=" + seq.ToString(CultureInfo.InvariantCulture));
        }

        if (roles)
        {
            parts.Add("roles=1");
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
