using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

// Placeholders so the public surface compiles; each is replaced by its real implementation.
internal static class Reducer
{
    public static ApplyResult Apply(BoardState state, LogEntry entry) => throw new NotImplementedException();

    public static Outcome Check(BoardState state, string actorId, BoardCommand command, DateTimeOffset now) => throw new NotImplementedException();
}

internal static class Permissions
{
    public static Role RoleOf(BoardState state, string actorId) => throw new NotImplementedException();
}

internal static class Views
{
    public static BoardView For(BoardState state, string viewerId) => throw new NotImplementedException();

    public static IReadOnlyList<BoardEvent> EventsFor(string viewerId, IReadOnlyList<BoardEvent> events) => throw new NotImplementedException();
}

internal static class Analysis
{
    public static Derived Derive(BoardState state, DateTimeOffset now) => throw new NotImplementedException();
}
