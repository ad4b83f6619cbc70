using PostMortem.Core.Model;

namespace PostMortem.Core.Replay;

/// <summary>When a board's replay may be opened: once the board is locked, or was closed (locked) at least once.</summary>
public static class ReplayAvailability
{
    /// <summary>Null when the replay may be opened; otherwise <see cref="RejectionCodes.ReplayNotReady"/> and its sentence.</summary>
    public static (string Code, string Message)? Check(BoardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Meta.Created)
        {
            return (RejectionCodes.BoardNotCreated, RejectionCodes.Sentence(RejectionCodes.BoardNotCreated));
        }

        return state.Meta.BoardLocked || state.Meta.ClosedAt is not null
            ? null
            : (RejectionCodes.ReplayNotReady, RejectionCodes.Sentence(RejectionCodes.ReplayNotReady));
    }
}
