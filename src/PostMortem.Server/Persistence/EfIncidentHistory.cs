using PostMortem.Data.Records;

namespace PostMortem.Server.Persistence;

/// <summary>The open actions of the previous two incidents in the log, for a new post-mortem's creator.</summary>
internal sealed class EfIncidentHistory(IncidentLog log, TimeProvider clock) : IIncidentHistory
{
    public async ValueTask<IReadOnlyList<PreviousOpenAction>> PreviousOpenActionsAsync(string newBoardId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var previous = await log.PreviousOpenActionsAsync(newBoardId, today, cancellationToken);
        return [.. previous.SelectMany(incident => incident.OpenActions.Select(a =>
            new PreviousOpenAction(a.BoardId, incident.Title, a.NoteId, a.Text, a.Owner, a.DueDate, a.Status)))];
    }
}
