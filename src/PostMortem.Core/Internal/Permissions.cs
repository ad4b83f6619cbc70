using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

internal static class Permissions
{
    /// <summary>A participant's role; anyone else — including a removed participant — reads.</summary>
    public static Role RoleOf(BoardState state, string actorId) =>
        actorId is not null && state.Participants.TryGetValue(actorId, out var p) && !p.Removed ? p.Role : Role.Reader;
}
