using System.Net;
using PostMortem.Core.Model;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>The HTTP API over a real socket (docs/PROTOCOL.md, "HTTP").</summary>
public sealed class HttpApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task CreateJoinReadWriteUpAndSignOffOverHttp()
    {
        using var api = server.Api();
        var board = await api.CreateBoardAsync(new
        {
            title = "Pause subscription API change",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType = "deployment",
            severity = 2,
            facilitatorName = "Sam",
            agendaPreset = "sixty",
            timeZone = "Europe/London",
            preWork = "2026-03-03 16:47 API change deployed\nnot a timeline line\n2026-03-04 09:00 [signal] first customer email",
        });
        Assert.Equal(32, board.BoardId.Length);
        Assert.True(board.JoinCode.Length >= 22 && board.FacilitatorSecret.Length >= 22 && board.ReadKey.Length >= 22);
        Assert.Equal(2, Assert.Single(board.ImportErrors!).Line);

        var alex = await api.JoinAsync(board, "Alex");
        Assert.NotEqual(board.ParticipantId, alex.ParticipantId);

        using var read = await api.GetAsync($"api/boards/{board.BoardId}/read?key={Uri.EscapeDataString(board.ReadKey)}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = await ApiClient.ReadJsonAsync(read);
        Assert.Equal(2, view.GetProperty("notes").GetArrayLength());
        Assert.Equal(2, view.GetProperty("participants").GetArrayLength());
        Assert.DoesNotContain(board.JoinCode, view.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("secrets", view.GetRawText(), StringComparison.OrdinalIgnoreCase);

        using var markdown = await api.GetAsync($"api/boards/{board.BoardId}/writeup.md?key={Uri.EscapeDataString(board.ReadKey)}");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.Contains("Pause subscription API change", text, StringComparison.Ordinal);
        Assert.Contains("API change deployed", text, StringComparison.Ordinal);

        using var signOff = await api.PostAsync($"api/boards/{board.BoardId}/signoff", new { key = board.ReadKey, name = "Robin" });
        Assert.Equal(HttpStatusCode.OK, signOff.StatusCode);
        Assert.True((await ApiClient.ReadJsonAsync(signOff)).GetProperty("seq").GetInt64() > 1);

        using var json = await api.GetAsync($"api/boards/{board.BoardId}/writeup.json?key={Uri.EscapeDataString(board.ReadKey)}");
        var writeUp = await ApiClient.ReadJsonAsync(json);
        Assert.Equal("Robin", Assert.Single(writeUp.GetProperty("signOffs").EnumerateArray()).Str("name"));
    }

    [Fact]
    public async Task WriteUpExportsAreSavedUnderTheIncidentsDateAndTitle()
    {
        using var api = server.Api();
        // 23:30 UTC on 3 March is 4 March in Berlin: the board's time zone gives the date.
        var board = await api.CreateBoardAsync(new
        {
            title = "Pause subscription: API change!",
            incidentAt = "2026-03-03T23:30:00Z",
            incidentType = "deployment",
            severity = 2,
            facilitatorName = "Sam",
            timeZone = "Europe/Berlin",
        });
        var key = Uri.EscapeDataString(board.ReadKey);

        using var markdown = await api.GetAsync($"api/boards/{board.BoardId}/writeup.md?key={key}");
        using var json = await api.GetAsync($"api/boards/{board.BoardId}/writeup.json?key={key}");

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal("attachment", markdown.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("2026-03-04-pause-subscription-api-change.md", markdown.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("2026-03-04-pause-subscription-api-change.json", json.Content.Headers.ContentDisposition?.FileName);
    }

    [Theory]
    [InlineData("ninety", "deployment")]
    [InlineData("Ninety", "Deployment")]
    [InlineData("SIXTY", "EXTERNAL")]
    public async Task EnumsInARequestAreReadInAnyCaseAndAnsweredInCamelCase(string agendaPreset, string incidentType)
    {
        using var api = server.Api();
        var board = await api.CreateBoardAsync(new
        {
            title = "Pause subscription API change",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType,
            severity = 2,
            facilitatorName = "Sam",
            agendaPreset,
        });

        using var read = await api.GetAsync($"api/boards/{board.BoardId}/read?key={Uri.EscapeDataString(board.ReadKey)}");
        var meta = (await ApiClient.ReadJsonAsync(read)).GetProperty("meta");
        Assert.Equal(CamelCase(agendaPreset), meta.Str("agendaPreset"));
        Assert.Equal(CamelCase(incidentType), meta.Str("incidentType"));
    }

    /// <summary>The enum member's camelCase name, from any casing used in the test data.</summary>
    private static string CamelCase(string value) => value.ToUpperInvariant() switch
    {
        "NINETY" => "ninety",
        "SIXTY" => "sixty",
        "DEPLOYMENT" => "deployment",
        "EXTERNAL" => "external",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "add it to the test's table"),
    };

    [Fact]
    public async Task SecretsAreCheckedAndBadRequestsGetProblemCodes()
    {
        using var api = server.Api();
        var board = await api.CreateBoardAsync();
        var cases = new (Func<Task<HttpResponseMessage>> Call, HttpStatusCode Status, string Code)[]
        {
            (() => api.GetAsync($"api/boards/{board.BoardId}/read?key=wrong"), HttpStatusCode.Forbidden, "unauthorized"),
            (() => api.GetAsync($"api/boards/{board.BoardId}/writeup.md"), HttpStatusCode.Forbidden, "unauthorized"),
            (() => api.PostAsync($"api/boards/{board.BoardId}/signoff", new { key = "wrong", name = "Robin" }), HttpStatusCode.Forbidden, "unauthorized"),
            (() => api.PostAsync($"api/boards/{board.BoardId}/facilitator", new { facilitatorSecret = board.JoinCode }), HttpStatusCode.Forbidden, "unauthorized"),
            (() => api.PostAsync("api/boards/0123456789abcdef0123456789abcdef/join", new { joinCode = board.JoinCode, name = "A" }), HttpStatusCode.NotFound, "board_not_found"),
            (() => api.GetAsync("api/boards/not-an-id/read?key=x"), HttpStatusCode.NotFound, "board_not_found"),
            (() => api.PostAsync("api/boards", new { title = "no date" }), HttpStatusCode.BadRequest, "invalid_request"),
            (() => api.PostAsync("api/boards", new { title = "x", incidentAt = "2026-03-04T05:30:00Z", incidentType = "deployment", severity = 9, facilitatorName = "Sam" }), HttpStatusCode.BadRequest, "invalid_value"),
            (() => api.PostAsync($"api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name = "" }), HttpStatusCode.BadRequest, "text_required"),
            (() => api.Http.PostAsync("api/boards", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_request"),
            (() => api.Http.PostAsync("api/boards", new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType, "invalid_request"),
            (() => api.GetAsync("api/no/such/thing"), HttpStatusCode.NotFound, "not_found"),
        };

        foreach (var (call, status, code) in cases)
        {
            using var response = await call().WaitAsync(HubTestClient.Timeout);
            Assert.True(status == response.StatusCode, $"{code}: got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(code, await ApiClient.ProblemCodeAsync(response));
        }

        // None of that changed the board.
        Assert.Equal(1, server.Registry.TryGetLoaded(board.BoardId)!.Seq);
    }

    [Fact]
    public async Task RequestBodyOverTheLimitIsRefused()
    {
        using var api = server.Api();
        var body = new string('x', 2 * 1024 * 1024);
        using var response = await api.PostAsync("api/boards", new { title = body });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", await ApiClient.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task FacilitatorSecretTakesTheRoleBackAfterAHandOver()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var alex = board.Participants[0];
        Assert.Equal("accepted", (await board.Facilitator.SubmitAsync(new { type = "handOver", participantId = alex.ParticipantId })).Status);
        Assert.Equal(alex.ParticipantId, board.Host.Read(b => b.State.Meta.FacilitatorId));
        // Role is read from the state on every call: the old facilitator is refused at once (R5).
        Assert.Equal("not_facilitator", (await board.Facilitator.SubmitAsync(new { type = "advancePhase" })).Code);

        var seqBefore = board.Host.Read(b => b.Seq);
        using var api = server.Api();
        using var response = await api.PostAsync($"api/boards/{board.BoardId}/facilitator", new { facilitatorSecret = board.Board.FacilitatorSecret });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.ReadJsonAsync(response);
        Assert.Equal(board.Board.ParticipantId, body.Str("participantId"));
        // The link gives the browser the read key and the join code back, to share again (issue 13, fix 2).
        Assert.Equal((board.Board.ReadKey, board.Board.JoinCode), (body.Str("readKey"), body.Str("joinCode")));
        Assert.Equal(board.Board.ParticipantId, board.Host.Read(b => b.State.Meta.FacilitatorId));
        // The hand-back is one Core decision (reclaimFacilitator), not a hand-over appended on someone's behalf.
        Assert.Equal(seqBefore + 1, board.Host.Read(b => b.Seq));
        Assert.Equal(Role.Participant, board.Host.Read(b => b.RoleOf(alex.ParticipantId)));

        await using var browser = await board.ConnectAsync(body.Str("token")!, "other-browser");
        var join = await browser.JoinAsync(board.BoardId);
        Assert.Equal("Facilitator", join.Str("role"), ignoreCase: true);
        Assert.Equal("accepted", (await browser.SubmitAsync(new { type = "advancePhase" })).Status);
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeadersAndAnUnknownPageSaysNotFoundInWords()
    {
        using var api = server.Api();
        using var page = await api.GetAsync("some/unknown/page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.True(page.Headers.Contains("Referrer-Policy"));
        Assert.False(page.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task HealthAndOpenApiDescribeTheServer()
    {
        using var api = server.Api();
        using var health = await api.GetAsync("healthz");
        var body = await ApiClient.ReadJsonAsync(health);
        Assert.Equal("ok", body.Str("status"));
        Assert.Equal("local", body.Str("log"));

        using var openApi = await api.GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var document = await ApiClient.ReadJsonAsync(openApi);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/boards", out _));
        Assert.True(paths.TryGetProperty("/api/boards/{boardId}/join", out _));
        Assert.True(paths.TryGetProperty("/api/boards/{boardId}/signoff", out _));
    }
}
