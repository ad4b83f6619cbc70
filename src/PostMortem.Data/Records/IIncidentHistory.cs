using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records;

/// <summary>
/// What the incident log knows when a new post-mortem starts: the open actions of the previous two (PRODUCT.md,
/// "Incident log"). <see cref="IncidentLog"/> answers it from the database; without one, <see cref="NoIncidentHistory"/>
/// knows nothing.
/// </summary>
public interface IIncidentHistory
{
    /// <summary>The open actions of the two latest post-mortems other than <paramref name="newBoardId"/>, with
    /// "overdue" decided against today's date on the server's clock.</summary>
    Task<IReadOnlyList<PreviousOpenAction>> PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken);
}

/// <summary>The incident history without a database: there is none.</summary>
public sealed class NoIncidentHistory : IIncidentHistory
{
    public Task<IReadOnlyList<PreviousOpenAction>> PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PreviousOpenAction>>([]);
}
