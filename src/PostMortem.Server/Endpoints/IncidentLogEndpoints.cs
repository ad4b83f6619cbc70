using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Data.Records;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The incident log over HTTP: rows (filtered), CSV, one incident with its actions and recurring causes,
/// actions across incidents, and action follow-up. Thin: queries are PostMortem.Data's; a status change
/// goes through the board log as UpdateActionStatus, so the board and the log cannot disagree.
/// </summary>
internal static class IncidentLogEndpoints
{
    /// <summary>How long a PATCH waits for the incident log to show its change before answering anyway.</summary>
    private static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapIncidentLogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Incident log");
        // Reads need the team credential: post-mortems are among the most sensitive documents a company has. A
        // status change keeps its own credential (the owner's or facilitator's board token).
        var team = api.MapGroup("").RequireAuthorization(TeamAccessHandler.Policy);
        team.MapGet("/incidents", ListAsync)
            .WithSummary("Incident-log rows, newest first, filtered by type, status, date range (yyyy-MM-dd, inclusive) and text.");
        team.MapGet("/incidents.csv", CsvAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The incident log as CSV (same filters).");
        team.MapGet("/incidents/{boardId}", GetAsync)
            .WithSummary("One post-mortem with its actions, contributing factors, sign-offs and recurring causes.");
        team.MapGet("/actions", ActionsAsync)
            .WithSummary("Actions of every post-mortem; overdue=true keeps those past their due date and not done.");
        api.MapPatch("/actions/{noteId}", PatchActionAsync).RequireRateLimiting(BoardEndpoints.WritePolicy)
            .WithSummary("Update an action's status (owner or facilitator, with their board token as a Bearer token).");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<IncidentRow>>, ProblemHttpResult>> ListAsync(
        string? type, string? status, string? from, string? to, string? q, IncidentLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IncidentFilter.TryParse(type, status, from, to, q, out var filter, out var error))
        {
            return BadFilter(error!);
        }

        return TypedResults.Ok(await log.ListAsync(filter, Today(clock), cancellationToken));
    }

    private static async Task<IResult> CsvAsync(
        string? type, string? status, string? from, string? to, string? q, IncidentLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IncidentFilter.TryParse(type, status, from, to, q, out var filter, out var error))
        {
            return BadFilter(error!);
        }

        var csv = IncidentCsv.Write(await log.ListAsync(filter, Today(clock), cancellationToken));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), IncidentCsv.ContentType, "incidents.csv");
    }

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> GetAsync(
        string boardId, IncidentLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        var detail = boardId.Length <= Limits.IdLength ? await log.GetAsync(boardId, Today(clock), cancellationToken) : null;
        return detail is null
            ? Problems.Create(StatusCodes.Status404NotFound, IncidentLogCodes.IncidentNotFound, "The incident log has no post-mortem for that board (it is written when the board is closed).")
            : TypedResults.Ok(detail);
    }

    private static async Task<Results<Ok<IReadOnlyList<ActionView>>, ProblemHttpResult>> ActionsAsync(
        string? overdue, IncidentLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        bool overdueOnly;
        if (string.IsNullOrWhiteSpace(overdue))
        {
            overdueOnly = false;
        }
        else if (!bool.TryParse(overdue, out overdueOnly))
        {
            return BadFilter(new FilterError("overdue", $"'{overdue}' is not true or false."));
        }

        return TypedResults.Ok(await log.ActionsAsync(overdueOnly, Today(clock), cancellationToken));
    }

    private static async Task<Results<Ok<ActionStatusResponse>, ProblemHttpResult>> PatchActionAsync(
        string noteId, ActionStatusRequest? request, HttpRequest http, ParticipantTokens tokens, BoardRegistry registry,
        BoardCommands commands, IncidentRecordWriter records, IncidentLog log, TimeProvider clock, CancellationToken cancellationToken)
    {
        var claims = tokens.Verify(BearerToken(http));
        if (claims is null)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, RejectionCodes.Unauthorized,
                "Send the owner's or the facilitator's board token as 'Authorization: Bearer <token>'.");
        }

        if (request?.Status is null)
        {
            return Problems.BadRequest("status is required.");
        }

        if (!TryParseStatus(request.Status, out var status))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, IncidentLogCodes.InvalidStatus,
                $"'{request.Status}' is not an action status; use open, inProgress, done or wontDo.");
        }

        if (request.BoardId is not null && !string.Equals(request.BoardId, claims.BoardId, StringComparison.Ordinal))
        {
            return Problems.Forbidden(RejectionCodes.WrongBoard, "The token is for another board.");
        }

        var host = await registry.GetAsync(claims.BoardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        var command = new UpdateActionStatus(noteId, status);
        (Outcome Outcome, long? Seq) applied;
        try
        {
            applied = await commands.RunAsync(host, new PendingEntry(claims.ParticipantId, "http-" + SecretCodes.NewId(), command), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or BoardUnavailableException)
        {
            return Problems.Unavailable();
        }

        if (!applied.Outcome.IsAccepted)
        {
            return RejectionProblem(applied.Outcome);
        }

        await records.WaitForAsync(claims.BoardId, applied.Seq!.Value, RecordWait, cancellationToken);
        var action = (await log.FindActionsAsync(noteId, claims.BoardId, Today(clock), cancellationToken)).FirstOrDefault();
        return TypedResults.Ok(new ActionStatusResponse(claims.BoardId, noteId, status, applied.Seq!.Value, action));
    }

    /// <summary>Note-not-found is a 404 here: the path names the action.</summary>
    private static ProblemHttpResult RejectionProblem(Outcome outcome) =>
        outcome.Code == RejectionCodes.NoteNotFound
            ? Problems.Create(StatusCodes.Status404NotFound, RejectionCodes.NoteNotFound, outcome.Message ?? "There is no such action on the board.")
            : Problems.FromRejection(outcome.Code, outcome.Message);

    private static ProblemHttpResult BadFilter(FilterError error) =>
        Problems.Create(StatusCodes.Status400BadRequest, IncidentLogCodes.InvalidFilter, $"{error.Parameter}: {error.Message}");

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

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
