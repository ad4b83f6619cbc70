using PostMortem.Core.Replay;

namespace PostMortem.Web.Data;

/// <summary>What the session replay page (<c>/b/{id}/replay</c>) and its frame fragment need from the server.</summary>
public interface IReplayPages
{
    /// <summary>
    /// The board at <paramref name="at"/> (the end when null; clamped to the session) as a reader saw it, with the read
    /// key, once the board is locked or was closed (<c>replay_not_ready</c> before); names replaced by roles when asked.
    /// </summary>
    Task<PageResult<ReplayPageModel>> ReplayAsync(string boardId, string? key, long? at, bool namesAsRoles, CancellationToken cancellationToken);
}

/// <summary>One frame of the replay and what the scrubber needs around it.</summary>
/// <param name="Times">When each entry was appended (index = seq − 1): the meeting's own time, for playing it back.</param>
public sealed record ReplayPageModel(ReplayFrame Frame, IReadOnlyList<ReplayMark> Marks, IReadOnlyList<DateTimeOffset> Times);
