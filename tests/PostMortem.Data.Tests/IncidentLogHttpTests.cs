using System.Text.Json.Nodes;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Tests;

/// <summary>The incident log end to end: a meeting closed on the real server (SQLite file, Kestrel socket)
/// shows up in the log, the CSV, action follow-up and recurring-cause detection.</summary>
public sealed class IncidentLogHttpTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestClock _clock = new(WorkedExample.Meeting);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ClosingTheWorkedExampleWritesItsRowItsThreeActionsAndACsvLine()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);

        var (status, rows) = await app.GetJsonAsync("/api/incidents");
        Assert.Equal(200, status);
        var row = Assert.Single(rows.AsArray())!;
        Assert.Equal(meeting.BoardId, (string)row["boardId"]!);
        Assert.Equal(WorkedExample.Title, (string)row["title"]!);
        Assert.Equal("2026-03-03", (string)row["date"]!);
        Assert.Equal("integration", (string)row["type"]!);
        Assert.Equal(WorkedExample.Summary, (string)row["summary"]!);
        Assert.Equal(WorkedExample.RootCause, (string)row["rootCause"]!);
        Assert.Equal((0, 3, 0), ((int)row["actionsDone"]!, (int)row["actionsOpen"]!, (int)row["actionsOverdue"]!));
        Assert.Equal("followUp", (string)row["status"]!);

        var (detailStatus, detail) = await app.GetJsonAsync($"/api/incidents/{meeting.BoardId}");
        Assert.Equal(200, detailStatus);
        var actions = detail["actions"]!.AsArray();
        Assert.Equal([WorkedExample.ContractTests, WorkedExample.Notification, WorkedExample.SchemaAlerts], actions.Select(a => (string)a!["text"]!));
        Assert.Equal(["Priya", "Jordan Lee", "Sam Okafor"], actions.Select(a => (string)a!["owner"]!));
        Assert.Equal(["2026-03-13", "2026-03-13", "2026-03-17"], actions.Select(a => (string)a!["dueDate"]!));
        Assert.All(actions, a => Assert.NotNull(a!["acknowledgedAt"]));
        Assert.Equal(WorkedExample.Impact, (string)detail["impact"]!);
        Assert.Equal(2, detail["contributingFactors"]!.AsArray().Count);
        Assert.Equal("2026-03-18", (string)detail["incident"]!["followUpDate"]!);

        using var csvResponse = await app.Http.GetAsync("/api/incidents.csv").Within();
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync().Within();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"2026-03-03,integration,2,{WorkedExample.Title},{WorkedExample.Summary},{WorkedExample.RootCause},0,3,0,followUp,2026-03-18,,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkingAnActionDoneShowsInTheLogAndOnTheBoard()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);

        // The owner marks theirs done; the facilitator marks another in progress on the owner's behalf.
        var (status, body) = await app.PatchActionAsync("a1", new { status = "done" }, meeting.PriyaToken);
        Assert.Equal(200, status);
        Assert.Equal("done", (string)body["status"]!);
        Assert.Equal("done", (string)body["action"]!["status"]!);
        var (status2, _) = await app.PatchActionAsync("a2", new { status = "inProgress", boardId = meeting.BoardId }, meeting.Board.Token);
        Assert.Equal(200, status2);

        var (_, rows) = await app.GetJsonAsync("/api/incidents");
        var row = rows.AsArray().Single()!;
        Assert.Equal((1, 2), ((int)row["actionsDone"]!, (int)row["actionsOpen"]!));
        var (_, detail) = await app.GetJsonAsync($"/api/incidents/{meeting.BoardId}");
        Assert.Equal(["done", "inProgress", "open"], detail["actions"]!.AsArray().Select(a => (string)a!["status"]!));
        // The change went through the board log: the board agrees with the log.
        var (_, board) = await app.GetJsonAsync($"/api/boards/{meeting.BoardId}/writeup.json?key={Uri.EscapeDataString(meeting.Board.ReadKey)}");
        Assert.Equal(["done", "inProgress", "open"], board["actions"]!.AsArray().Select(a => (string)a!["status"]!));

        // Every action done: the post-mortem is complete.
        await app.PatchActionAsync("a2", new { status = "done" }, meeting.Board.Token);
        await app.PatchActionAsync("a3", new { status = "wontDo" }, meeting.Board.Token);
        var (_, complete) = await app.GetJsonAsync("/api/incidents?status=complete");
        Assert.Equal(meeting.BoardId, (string)complete.AsArray().Single()!["boardId"]!);
    }

    [Fact]
    public async Task ActionPastItsDueDateAndNotDoneIsFlaggedOverdue()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        await app.PatchActionAsync("a1", new { status = "done" }, meeting.PriyaToken);

        // A week after next Friday: a1 is done, a2 (due Friday) is late, a3 (end of sprint, 17th) is late too.
        _clock.Set(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        var (_, overdue) = await app.GetJsonAsync("/api/actions?overdue=true");
        Assert.Equal([WorkedExample.Notification], overdue.AsArray().Select(a => (string)a!["text"]!));
        Assert.True((bool)overdue.AsArray().Single()!["overdue"]!);

        _clock.Set(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        var (_, all) = await app.GetJsonAsync("/api/actions");
        Assert.Equal([false, true, true], all.AsArray().Select(a => (bool)a!["overdue"]!));
        var (_, rows) = await app.GetJsonAsync("/api/incidents");
        Assert.Equal(2, (int)rows.AsArray().Single()!["actionsOverdue"]!);
    }

    [Fact]
    public async Task SimilarRootCauseLaterIsReportedAsRecurringWithTheReason()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var first = await WorkedExample.RunAsync(app);
        _clock.Set(new DateTimeOffset(2026, 4, 2, 13, 0, 0, TimeSpan.Zero));
        var second = await WorkedExample.RunAsync(app, "Pricing change broke invoice export",
            "No mechanism for one team to know what another team is changing", new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero),
            factors: ["Invoices were exported on a Friday evening"]);

        var (_, detail) = await app.GetJsonAsync($"/api/incidents/{second.BoardId}");
        var recurring = detail["incident"]!["recurringCauses"]!.AsArray();
        var cause = Assert.Single(recurring)!;
        Assert.Equal(first.BoardId, (string)cause["boardId"]!);
        Assert.Equal(["mechanism", "know", "changing"], cause["sharedWords"]!.AsArray().Select(w => (string)w!));
        var reason = (string)cause["reason"]!;
        Assert.Contains("\"mechanism\", \"know\", \"changing\"", reason, StringComparison.Ordinal);
        Assert.Contains(WorkedExample.Title, reason, StringComparison.Ordinal);
        var (_, firstDetail) = await app.GetJsonAsync($"/api/incidents/{first.BoardId}");
        Assert.Empty(firstDetail["incident"]!["recurringCauses"]!.AsArray());

        // A new post-mortem starts with the open actions of the previous two for review.
        await app.PatchActionAsync("a1", new { status = "done" }, first.PriyaToken);
        var third = await app.CreateBoardAsync("Yet another incident", new DateTimeOffset(2026, 4, 3, 8, 0, 0, TimeSpan.Zero));
        var previous = third.PreviousOpenActions!;
        Assert.Equal(5, previous.Count);
        Assert.Equal(3, previous.Count(a => a.BoardId == second.BoardId));
        Assert.Equal(["a2", "a3"], previous.Where(a => a.BoardId == first.BoardId).Select(a => a.NoteId));
        Assert.All(previous, a => Assert.Equal(ActionStatus.Open, a.Status));
    }

    [Theory]
    [InlineData("/api/incidents?type=bogus", 400, "invalid_filter")]
    [InlineData("/api/incidents?status=finished", 400, "invalid_filter")]
    [InlineData("/api/incidents?from=2026-03-05&to=2026-03-01", 400, "invalid_filter")]
    [InlineData("/api/incidents?from=yesterday", 400, "invalid_filter")]
    [InlineData("/api/incidents.csv?to=31/12/2026", 400, "invalid_filter")]
    [InlineData("/api/actions?overdue=maybe", 400, "invalid_filter")]
    [InlineData("/api/incidents/no-such-board", 404, "incident_not_found")]
    public async Task BadQueriesGetProblemDetailsWithACode(string path, int status, string code)
    {
        await using var app = AppServer.Start(_folder.Path, _clock);

        var (actual, body) = await app.GetJsonAsync(path);

        Assert.Equal(status, actual);
        Assert.Equal(code, (string)body["code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]));
    }

    [Fact]
    public async Task RefusedActionUpdatesGetProblemDetailsAndChangeNothing()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        var other = await app.CreateBoardAsync("Another board", WorkedExample.ChangeDeployed);
        var before = await app.StateAsync(meeting.BoardId);
        var (_, logBefore) = await app.GetJsonAsync($"/api/incidents/{meeting.BoardId}");

        var refusals = new (string NoteId, object Body, string? Token, int Status, string Code)[]
        {
            ("a1", new { status = "done" }, null, 401, "unauthorized"),
            ("a1", new { status = "done" }, "not-a-token", 401, "unauthorized"),
            ("a1", new { status = "done" }, meeting.SamToken, 403, "not_owner"),
            ("a1", new { status = "finished" }, meeting.PriyaToken, 400, "invalid_status"),
            ("a1", new { }, meeting.PriyaToken, 400, "invalid_request"),
            ("nope", new { status = "done" }, meeting.Board.Token, 404, "note_not_found"),
            ("t1", new { status = "done" }, meeting.Board.Token, 400, "wrong_note_kind"),
            ("a1", new { status = "done", boardId = other.BoardId }, meeting.PriyaToken, 403, "wrong_board"),
            ("a1", new { status = "done" }, other.Token, 404, "note_not_found"),
        };
        foreach (var (noteId, body, token, status, code) in refusals)
        {
            var (actual, problem) = await app.PatchActionAsync(noteId, body, token);
            Assert.True(status == actual && code == (string?)problem["code"], $"{noteId} {token?[..Math.Min(8, token.Length)]}: {actual} {problem.ToJsonString()}");
        }

        Assert.Equal(before, await app.StateAsync(meeting.BoardId));
        var (_, logAfter) = await app.GetJsonAsync($"/api/incidents/{meeting.BoardId}");
        Assert.True(JsonNode.DeepEquals(logBefore, logAfter));
    }

    [Fact]
    public async Task ARemovedParticipantCannotUpdateTheirAction()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        await app.OkAsync(meeting.BoardId, meeting.Board.ParticipantId, new UnlockBoard());
        await app.OkAsync(meeting.BoardId, meeting.Board.ParticipantId, new RemoveParticipant(meeting.Priya));
        var before = await app.StateAsync(meeting.BoardId);

        var (status, problem) = await app.PatchActionAsync("a1", new { status = "done" }, meeting.PriyaToken);

        Assert.Equal(403, status);
        Assert.Equal("participant_removed", (string)problem["code"]!);
        Assert.Equal(before, await app.StateAsync(meeting.BoardId));
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheIncidentLogEndpoints()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);

        var (status, document) = await app.GetJsonAsync("/openapi/v1.json");

        Assert.Equal(200, status);
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/incidents", "/api/incidents.csv", "/api/incidents/{boardId}", "/api/actions", "/api/actions/{noteId}" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }
    }
}
