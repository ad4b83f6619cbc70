using System.Text;
using Microsoft.Extensions.Options;
using PostMortem.Core.HandOff;
using PostMortem.Core.Protocol;
using PostMortem.Server.Auth;
using PostMortem.Server.Endpoints;
using PostMortem.Server.Pages;
using PostMortem.Web.Data;

namespace PostMortem.Server.HandOff;

/// <summary>
/// Calendar files (R28): the follow-up meeting and each action's due date as all-day iCalendar events, with the
/// board's read key or, for the incident log's pages, the team credential. Thin: Core writes the file.
/// </summary>
internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("").WithTags("Hand-off");
        calendars.MapGet(HandOffPaths.FollowUpRoute, FollowUpAsync)
            .WithSummary("The follow-up meeting as an all-day iCalendar event (read key).");
        calendars.MapGet(HandOffPaths.ActionRoute, ActionAsync)
            .WithSummary("An action's due date as an all-day iCalendar event (read key).");
        var team = calendars.MapGroup("").RequireAuthorization(TeamAccessHandler.Policy);
        team.MapGet(HandOffPaths.TeamFollowUpRoute, TeamFollowUpAsync)
            .WithSummary("The follow-up meeting of a closed post-mortem (team credential).");
        team.MapGet(HandOffPaths.TeamActionRoute, TeamActionAsync)
            .WithSummary("An action's due date, for a closed post-mortem (team credential).");
        return app;
    }

    private static async Task<IResult> FollowUpAsync(string boardId, string? key, BoardPages pages, HttpContext http, CancellationToken cancellationToken)
    {
        var writeUp = await pages.WriteUpAsync(boardId, key, namesAsRoles: false, cancellationToken);
        return writeUp.Value is { } w ? FollowUp(http, boardId, w.Title, w.FollowUpDate) : Problems.From(writeUp.Error!);
    }

    private static async Task<IResult> ActionAsync(string boardId, string noteId, string? key, BoardPages pages, HttpContext http, CancellationToken cancellationToken)
    {
        var writeUp = await pages.WriteUpAsync(boardId, key, namesAsRoles: false, cancellationToken);
        if (writeUp.Value is not { } w)
        {
            return Problems.From(writeUp.Error!);
        }

        var action = w.Actions.FirstOrDefault(a => string.Equals(a.NoteId, noteId, StringComparison.Ordinal));
        return action is null ? NoAction() : Action(http, boardId, noteId, w.Title, action.Text, action.Owner, action.DueDate);
    }

    private static async Task<IResult> TeamFollowUpAsync(string boardId, IIncidentPages incidents, HttpContext http, CancellationToken cancellationToken)
    {
        var detail = await incidents.GetAsync(boardId, cancellationToken);
        return detail.Value is { } d ? FollowUp(http, boardId, d.Incident.Title, d.Incident.FollowUpDate) : Problems.From(detail.Error!);
    }

    private static async Task<IResult> TeamActionAsync(string boardId, string noteId, IIncidentPages incidents, HttpContext http, CancellationToken cancellationToken)
    {
        var detail = await incidents.GetAsync(boardId, cancellationToken);
        if (detail.Value is not { } d)
        {
            return Problems.From(detail.Error!);
        }

        var action = d.Actions.FirstOrDefault(a => string.Equals(a.NoteId, noteId, StringComparison.Ordinal));
        return action is null ? NoAction() : Action(http, boardId, noteId, d.Incident.Title, action.Text, action.Owner, action.DueDate);
    }

    private static IResult FollowUp(HttpContext http, string boardId, string title, DateOnly? date) =>
        date is { } day
            ? File(http, "follow-up.ics", CalendarFile.FollowUp(boardId, title, day, IncidentUrl(http, boardId)))
            : Problems.Create(StatusCodes.Status404NotFound, HandOffCodes.NoFollowUpDate,
                "This post-mortem has no follow-up date yet: the facilitator sets it in the Close phase.");

    private static IResult Action(HttpContext http, string boardId, string noteId, string title, string text, string? owner, DateOnly? due) =>
        due is { } day
            ? File(http, "action-due.ics", CalendarFile.ActionDue(boardId, noteId, title, text, owner, day, IncidentUrl(http, boardId)))
            : Problems.Create(StatusCodes.Status404NotFound, HandOffCodes.NoDueDate,
                "This action has no due date yet: its owner or the facilitator sets one in the Actions phase.");

    private static IResult NoAction() =>
        Problems.Create(StatusCodes.Status404NotFound, HandOffCodes.ActionNotFound,
            "This post-mortem has no chosen action with that id; open the calendar link from the write-up again.");

    private static IResult File(HttpContext http, string name, CalendarEvent e)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(CalendarFile.Write([e], clock.GetUtcNow())), CalendarFile.ContentType);
    }

    /// <summary>The incident log's page, never the read link: calendars are shared more widely than write-ups.</summary>
    private static string IncidentUrl(HttpContext http, string boardId)
    {
        var origin = http.RequestServices.GetRequiredService<IOptions<HandOffOptions>>().Value.PublicOrigin
            ?? $"{http.Request.Scheme}://{http.Request.Host}";
        return $"{origin}/incidents/{Uri.EscapeDataString(boardId)}";
    }
}
