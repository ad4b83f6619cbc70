using PostMortem.Core.Model;

namespace PostMortem.Server.Persistence;

/// <summary>
/// What the incident log knows when a new post-mortem starts: the open actions of the previous two
/// (PRODUCT.md, "Incident log"). <see cref="EfIncidentHistory"/> answers it from PostMortem.Data's
/// <c>IncidentLog</c>; without a database, <see cref="NoIncidentHistory"/> knows nothing.
/// </summary>
public interface IIncidentHistory
{
    ValueTask<IReadOnlyList<PreviousOpenAction>> PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken);
}

internal sealed class NoIncidentHistory : IIncidentHistory
{
    public ValueTask<IReadOnlyList<PreviousOpenAction>> PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PreviousOpenAction>>([]);
}
