using StackExchange.Redis;

namespace PostMortem.Server.Redis;

/// <summary>
/// Names of every Redis key and channel the board log uses. A board's keys share the hash tag
/// <c>{boardId}</c> so they live in one cluster slot (the append script touches them together).
/// <code>
///   {prefix}:board:{boardId}:meta     hash: seq (last assigned), at (last assigned time, unix ms)
///   {prefix}:board:{boardId}:log      stream: id "{seq}-0", field e = entry JSON (CoreJson)
///   {prefix}:board:{boardId}:ops      sorted set: member "{actor length}:{actor}{clientOpId}", score seq (last 1024)
///   {prefix}:board:{boardId}:entries  channel: entry JSON, published by the append script
///   {prefix}:signalr…                 channels of SignalR's Redis backplane (presence; Redis:BackplaneChannelPrefix)
/// </code>
/// These names are a storage contract: renaming one orphans every stored board.
/// </summary>
internal sealed class RedisChannels
{
    private readonly string _prefix;

    public RedisChannels(string keyPrefix)
    {
        if (!IsCanonical(keyPrefix, maxLength: 32, allowDot: true))
        {
            throw new ArgumentException(
                $"Redis:KeyPrefix must be 1-32 characters of letters, digits, '.', '_' or '-' (got '{keyPrefix}').",
                nameof(keyPrefix));
        }

        _prefix = keyPrefix;
    }

    /// <summary>
    /// Board ids are canonical (GUIDs, base64url): letters, digits, '_' and '-', at most 64 characters.
    /// Anything else is refused before it reaches Redis, so no id can name a glob pattern, another
    /// board's key, or a different hash tag.
    /// </summary>
    public static bool IsCanonicalBoardId(string? boardId) => IsCanonical(boardId, maxLength: 64, allowDot: false);

    public static void ValidateBoardId(string boardId)
    {
        if (!IsCanonicalBoardId(boardId))
        {
            throw new ArgumentException("Board id must be 1-64 characters of letters, digits, '_' or '-'.", nameof(boardId));
        }
    }

    public RedisKey Meta(string boardId) => $"{_prefix}:board:{{{boardId}}}:meta";

    public RedisKey Log(string boardId) => $"{_prefix}:board:{{{boardId}}}:log";

    public RedisKey Ops(string boardId) => $"{_prefix}:board:{{{boardId}}}:ops";

    public string EntriesName(string boardId) => $"{_prefix}:board:{{{boardId}}}:entries";

    /// <summary>Always a literal channel: the library's default (Auto) would treat a '*' in the name as a pattern.</summary>
    public RedisChannel Entries(string boardId) => new(EntriesName(boardId), RedisChannel.PatternMode.Literal);

    private static bool IsCanonical(string? value, int maxLength, bool allowDot)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' || (allowDot && c == '.');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
