using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PostMortem.Core.Protocol;
using PostMortem.Data.Records;
using PostMortem.Server.Auth;
using PostMortem.Server.Pages;
using PostMortem.Web.Data;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The incident log over HTTP: rows (filtered), CSV, one incident with its actions and recurring causes,
/// actions across incidents, and action follow-up. Thin: the work is <see cref="IncidentPages"/>'s, which the
/// server-rendered pages call too.
/// </summary>
internal static class IncidentLogEndpoints
{
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
        string? type, string? status, string? from, string? to, string? q, IIncidentPages pages, CancellationToken cancellationToken) =>
        Answer(await pages.ListAsync(new IncidentQuery(type, status, from, to, q), cancellationToken));

    private static async Task<IResult> CsvAsync(
        string? type, string? status, string? from, string? to, string? q, IIncidentPages pages, CancellationToken cancellationToken)
    {
        var rows = await pages.ListAsync(new IncidentQuery(type, status, from, to, q), cancellationToken);
        return rows.Value is { } list
            ? TypedResults.File(Encoding.UTF8.GetBytes(IncidentCsv.Write(list)), IncidentCsv.ContentType, "incidents.csv")
            : Problems.From(rows.Error!);
    }

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> GetAsync(string boardId, IIncidentPages pages, CancellationToken cancellationToken) =>
        Answer(await pages.GetAsync(boardId, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<ActionView>>, ProblemHttpResult>> ActionsAsync(
        string? overdue, IIncidentPages pages, CancellationToken cancellationToken) =>
        Answer(await pages.ActionsAsync(overdue, cancellationToken));

    private static async Task<Results<Ok<ActionStatusResponse>, ProblemHttpResult>> PatchActionAsync(
        string noteId, ActionStatusRequest? request, HttpRequest http, IIncidentPages pages, CancellationToken cancellationToken) =>
        Answer(await pages.UpdateActionAsync(noteId, request, BearerToken(http), cancellationToken));

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(PageResult<T> result) =>
        result.Value is { } value ? TypedResults.Ok(value) : Problems.From(result.Error!);

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
