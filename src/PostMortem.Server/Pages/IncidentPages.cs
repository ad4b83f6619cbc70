using System.Security.Claims;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Data.Records;
using PostMortem.Data.Storage;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;
using PostMortem.Server.Options;
using PostMortem.Web.Data;

namespace PostMortem.Server.Pages;

/// <summary>
/// The incident log's reads and the action status change: the one implementation behind both the HTTP API
/// (Endpoints/IncidentLogEndpoints) and the server-rendered pages. Queries are PostMortem.Data's; a status change
/// goes through the board log as UpdateActionStatus, so the board and the log cannot disagree. Without a database
/// (no incident log registered) every read says so.
/// </summary>
internal sealed class IncidentPages(
    ParticipantTokens tokens, BoardRegistry registry, BoardCommands commands, TimeProvider clock, IOptions<AuthOptions> auth,
    IncidentLog? log = null, IncidentRecordWriter? records = null) : IIncidentPages
{
    /// <summary>How long a status change waits for the incident log to show it before answering anyway.</summary>
    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(10);

    public string? AccessRefusal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == TeamAccessHandler.ClaimType) ? null : TeamAccessHandler.SignInMessage(auth.Value);
    }

    public Task<PageResult<IReadOnlyList<IncidentRow>>> ListAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return IncidentFilter.TryParse(query.Type, query.Status, query.From, query.To, query.Q, out var filter, out var error)
            ? QueryAsync(l => l.ListAsync(filter, Today(), cancellationToken))
            : Task.FromResult<PageResult<IReadOnlyList<IncidentRow>>>(BadFilter(error!));
    }

    public async Task<PageResult<IncidentDetail>> GetAsync(string boardId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boardId);
        var detail = await QueryAsync(l => boardId.Length <= Limits.IdLength ? l.GetAsync(boardId, Today(), cancellationToken) : Task.FromResult<IncidentDetail?>(null));
        return detail switch
        {
            { Error: { } error } => error,
            { Value: { } found } => PageResult<IncidentDetail>.Ok(found),
            _ => new PageError(StatusCodes.Status404NotFound, IncidentLogCodes.IncidentNotFound,
                "The incident log has no post-mortem for that board (it is written when the board is closed)."),
        };
    }

    public Task<PageResult<IReadOnlyList<ActionView>>> ActionsAsync(string? overdue, CancellationToken cancellationToken)
    {
        bool overdueOnly;
        if (string.IsNullOrWhiteSpace(overdue))
        {
            overdueOnly = false;
        }
        else if (!bool.TryParse(overdue, out overdueOnly))
        {
            return Task.FromResult<PageResult<IReadOnlyList<ActionView>>>(BadFilter(new FilterError("overdue", $"'{overdue}' is not true or false.")));
        }

        return QueryAsync(l => l.ActionsAsync(overdueOnly, Today(), cancellationToken));
    }

    public async Task<PageResult<ActionStatusResponse>> UpdateActionAsync(string noteId, ActionStatusRequest? request, string? boardToken, CancellationToken cancellationToken)
    {
        var claims = tokens.Verify(boardToken);
        if (claims is null)
        {
            return new PageError(StatusCodes.Status401Unauthorized, RejectionCodes.Unauthorized,
                "Send the owner's or the facilitator's board token as 'Authorization: Bearer <token>'.");
        }

        if (request?.Status is null)
        {
            return PageErrors.BadRequest("status is required.");
        }

        if (!TryParseStatus(request.Status, out var status))
        {
            return new PageError(StatusCodes.Status400BadRequest, IncidentLogCodes.InvalidStatus,
                $"'{request.Status}' is not an action status; use open, inProgress, done or wontDo.");
        }

        if (request.BoardId is not null && !string.Equals(request.BoardId, claims.BoardId, StringComparison.Ordinal))
        {
            return new PageError(StatusCodes.Status403Forbidden, RejectionCodes.WrongBoard, "The token is for another board.");
        }

        var host = await registry.GetAsync(claims.BoardId, cancellationToken);
        if (host is null)
        {
            return PageErrors.BoardNotFound();
        }

        if (await BoardPages.RunAsync(commands, host, claims.ParticipantId, new UpdateActionStatus(noteId, status), cancellationToken) is not { } applied)
        {
            return PageErrors.Unavailable();
        }

        if (!applied.Outcome.IsAccepted)
        {
            // Note-not-found is a 404 here: the path names the action.
            return applied.Outcome.Code == RejectionCodes.NoteNotFound
                ? new PageError(StatusCodes.Status404NotFound, RejectionCodes.NoteNotFound, applied.Outcome.Message ?? "There is no such action on the board.")
                : PageErrors.FromRejection(applied.Outcome.Code, applied.Outcome.Message);
        }

        ActionView? action = null;
        if (records is not null && log is not null)
        {
            await records.WaitForAsync(claims.BoardId, applied.Seq!.Value, RecordWait, cancellationToken);
            action = (await log.FindActionsAsync(noteId, claims.BoardId, Today(), cancellationToken)).FirstOrDefault();
        }

        return PageResult<ActionStatusResponse>.Ok(new ActionStatusResponse(claims.BoardId, noteId, status, applied.Seq!.Value, action));
    }

    /// <summary>The query's answer; storage that is down or absent is a sentence, not an exception.</summary>
    private async Task<PageResult<T>> QueryAsync<T>(Func<IncidentLog, Task<T>> query)
    {
        if (log is null)
        {
            return new PageError(StatusCodes.Status503ServiceUnavailable, ServerCodes.Unavailable, "This server keeps no incident log (it runs without a database).");
        }

        try
        {
            return PageResult<T>.Ok(await query(log));
        }
        catch (StorageUnavailableException)
        {
            return new PageError(StatusCodes.Status503ServiceUnavailable, ServerCodes.Unavailable, "The incident log's storage is not answering; try again in a moment.");
        }
    }

    private static PageError BadFilter(FilterError error) =>
        new(StatusCodes.Status400BadRequest, IncidentLogCodes.InvalidFilter, $"{error.Parameter}: {error.Message}");

    private static bool TryParseStatus(string value, out ActionStatus status)
    {
        foreach (var name in Enum.GetNames<ActionStatus>())
        {
            if (string.Equals(name, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = Enum.Parse<ActionStatus>(name);
                return true;
            }
        }

        status = default;
        return false;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
