using System.Net;
using System.Text.RegularExpressions;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Tests.HandOff;

/// <summary>
/// Calendar files (R28) and "create issue" links on the real server: the worked example closed, then its write-up
/// page, follow-up page and .ics endpoints fetched over a socket as a browser would.
/// </summary>
public sealed partial class CalendarAndTrackerLinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Dictionary<string, string?> GitHubTracker = new()
    {
        ["HandOff:PublicUrl"] = "https://pm.example.com",
        ["HandOff:Tracker:Kind"] = "GitHub",
        ["HandOff:Tracker:BaseUrl"] = "https://github.com/acme/payments",
    };

    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path).Within();
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync().Within());
    }

    private static string Key(Meeting m) => Uri.EscapeDataString(m.Board.ReadKey);

    [Fact]
    public async Task ActionAndFollowUpCalendarFilesAreAllDayEventsWithTheReadKey()
    {
        await using var app = AppServer.Start(_folder.Path);
        var meeting = await WorkedExample.RunAsync(app);
        var reader = app.AnonymousClient();

        var (status, type, ics) = await GetAsync(reader, $"/api/boards/{meeting.BoardId}/actions/a3.ics?key={Key(meeting)}");
        var (followStatus, _, followUp) = await GetAsync(reader, $"/api/boards/{meeting.BoardId}/follow-up.ics?key={Key(meeting)}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/calendar; charset=utf-8", type);
        var lines = Unfold(ics);
        Assert.Contains("DTSTART;VALUE=DATE:20260317", lines);
        Assert.Contains("DTEND;VALUE=DATE:20260318", lines);
        Assert.Contains($"UID:action-{meeting.BoardId}-a3@postmortem", lines);
        Assert.Contains($"SUMMARY:Action due: {WorkedExample.SchemaAlerts}", lines);
        Assert.DoesNotContain(meeting.Board.ReadKey, ics, StringComparison.Ordinal); // calendars travel further than write-ups
        Assert.Equal(HttpStatusCode.OK, followStatus);
        Assert.Contains("DTSTART;VALUE=DATE:20260318", Unfold(followUp));
    }

    [Fact]
    public async Task CalendarFilesRefuseABadKeyAnUnknownActionAndMissingDatesWithCodes()
    {
        await using var app = AppServer.Start(_folder.Path);
        var meeting = await WorkedExample.RunAsync(app);
        var draft = await app.CreateBoardAsync("Draft with no dates", WorkedExample.ChangeDeployed);
        var f = draft.ParticipantId;
        for (var i = 0; i < 4; i++)
        {
            await app.OkAsync(draft.BoardId, f, new AdvancePhase()); // to actions
        }

        await app.OkAsync(draft.BoardId, f, new AddNote("x1", NoteKind.Action, "Undated action"));
        await app.OkAsync(draft.BoardId, f, new ChooseAction("x1", true));
        var draftKey = Uri.EscapeDataString(draft.ReadKey);

        await Refused(app, $"/api/boards/{meeting.BoardId}/actions/a1.ics?key=wrong-key", HttpStatusCode.Forbidden, RejectionCodes.Unauthorized);
        await Refused(app, $"/api/boards/{meeting.BoardId}/actions/a1.ics", HttpStatusCode.Forbidden, RejectionCodes.Unauthorized);
        await Refused(app, $"/api/boards/{meeting.BoardId}/actions/t1.ics?key={Key(meeting)}", HttpStatusCode.NotFound, HandOffCodes.ActionNotFound); // a note, not an action
        await Refused(app, $"/api/boards/{meeting.BoardId}/actions/nope.ics?key={Key(meeting)}", HttpStatusCode.NotFound, HandOffCodes.ActionNotFound);
        await Refused(app, $"/api/boards/{draft.BoardId}/follow-up.ics?key={draftKey}", HttpStatusCode.NotFound, HandOffCodes.NoFollowUpDate);
        await Refused(app, $"/api/boards/{draft.BoardId}/actions/x1.ics?key={draftKey}", HttpStatusCode.NotFound, HandOffCodes.NoDueDate);
        await Refused(app, $"/api/boards/{new string('0', 32)}/follow-up.ics?key=k", HttpStatusCode.NotFound, RejectionCodes.BoardNotFound);
    }

    private static async Task Refused(AppServer app, string path, HttpStatusCode status, string code)
    {
        using var response = await app.AnonymousClient().GetAsync(path).Within();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (string)(await AppServer.ReadJsonAsync(response))["code"]!);
    }

    [Fact]
    public async Task TeamCalendarFilesNeedTheTeamCredential()
    {
        await using var app = AppServer.Start(_folder.Path);
        var meeting = await WorkedExample.RunAsync(app);

        var (teamStatus, _, ics) = await GetAsync(app.Http, $"/api/incidents/{meeting.BoardId}/actions/a1.ics");
        using var stranger = await app.AnonymousClient().GetAsync($"/api/incidents/{meeting.BoardId}/actions/a1.ics").Within();

        Assert.Equal(HttpStatusCode.OK, teamStatus);
        Assert.Contains("DTSTART;VALUE=DATE:20260313", Unfold(ics));
        Assert.True(stranger.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"a stranger got {stranger.StatusCode}");
    }

    [Fact]
    public async Task WriteUpAndFollowUpPagesLinkEachActionToAPrefilledGitHubIssue()
    {
        await using var app = AppServer.Start(_folder.Path, settings: GitHubTracker);
        var meeting = await WorkedExample.RunAsync(app);

        var (_, _, writeUp) = await GetAsync(app.AnonymousClient(), $"/b/{meeting.BoardId}/writeup?key={Key(meeting)}");
        var (_, _, followUpPage) = await GetAsync(app.Http, "/actions");

        var issues = IssueLinks(writeUp);
        Assert.Equal(3, issues.Count);
        var first = Query(issues[0]);
        Assert.StartsWith("https://github.com/acme/payments/issues/new?", issues[0], StringComparison.Ordinal);
        Assert.Equal(WorkedExample.ContractTests, first["title"]);
        Assert.Contains($"From the post-mortem: {WorkedExample.Title}\n", first["body"], StringComparison.Ordinal);
        Assert.Contains($"Write-up: https://pm.example.com/incidents/{meeting.BoardId}\n", first["body"], StringComparison.Ordinal);
        Assert.Contains("Owner: Priya\nDue: 2026-03-13\n", first["body"], StringComparison.Ordinal);
        Assert.DoesNotContain(meeting.Board.ReadKey, first["body"], StringComparison.Ordinal);
        Assert.Contains($"/api/boards/{meeting.BoardId}/follow-up.ics?key=", writeUp, StringComparison.Ordinal);

        Assert.Equal(3, IssueLinks(followUpPage).Count);
        Assert.Contains($"/api/incidents/{meeting.BoardId}/actions/a2.ics", followUpPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATrackerThePagesShowNoCreateIssueLinkButKeepTheCalendarLinks()
    {
        await using var app = AppServer.Start(_folder.Path);
        var meeting = await WorkedExample.RunAsync(app);

        var (_, _, writeUp) = await GetAsync(app.AnonymousClient(), $"/b/{meeting.BoardId}/writeup?key={Key(meeting)}");

        Assert.Empty(IssueLinks(writeUp));
        Assert.Contains($"/api/boards/{meeting.BoardId}/actions/a1.ics?key=", writeUp, StringComparison.Ordinal);
    }

    /// <summary>RFC 5545 unfolding: CRLF and one space join the physical lines.</summary>
    private static List<string> Unfold(string ics) =>
        [.. ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The "create issue" links' addresses, HTML-decoded as a browser reads the attribute.</summary>
    private static List<string> IssueLinks(string html) =>
        [.. IssueLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static Dictionary<string, string> Query(string url) =>
        url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('='))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    [GeneratedRegex("<a href=\"([^\"]+)\"[^>]*data-testid=\"create-issue\"")]
    private static partial Regex IssueLink();
}
