using System.Security.Claims;
using PostMortem.Core.Protocol;

namespace PostMortem.Web.Data;

/// <summary>The incident-log filters as the query string carries them (yyyy-MM-dd dates, inclusive).</summary>
public sealed record IncidentQuery(string? Type = null, string? Status = null, string? From = null, string? To = null, string? Q = null);

/// <summary>
/// What the incident log's server-rendered pages (log, one incident, action follow-up) need: the same answers as the
/// HTTP API under /api/incidents and /api/actions, which calls this too.
/// </summary>
public interface IIncidentPages
{
    /// <summary>Null when <paramref name="user"/> holds the team credential; otherwise the sentence that says how to get it.</summary>
    string? AccessRefusal(ClaimsPrincipal user);

    Task<PageResult<IReadOnlyList<IncidentRow>>> ListAsync(IncidentQuery query, CancellationToken cancellationToken);

    Task<PageResult<IncidentDetail>> GetAsync(string boardId, CancellationToken cancellationToken);

    /// <param name="overdue">"true", "false" or empty, as the query string has it.</param>
    Task<PageResult<IReadOnlyList<ActionView>>> ActionsAsync(string? overdue, CancellationToken cancellationToken);

    /// <summary>Change an action's status with the owner's or the facilitator's board token.</summary>
    Task<PageResult<ActionStatusResponse>> UpdateActionAsync(string noteId, ActionStatusRequest? request, string? boardToken, CancellationToken cancellationToken);
}
