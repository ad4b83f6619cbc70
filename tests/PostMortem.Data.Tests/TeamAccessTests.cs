using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Protocol;
using PostMortem.Server.Auth;

namespace PostMortem.Data.Tests;

/// <summary>
/// Incident data needs the team credential (docs/PROTOCOL.md, "Team access"): the team link sets an HttpOnly
/// cookie; without it every incident-log read answers 401 sign_in_required; board links stay capability links.
/// Real server, real SQLite file, real Kestrel socket.
/// </summary>
public sealed class TeamAccessTests : IDisposable
{
    private static readonly string[] IncidentPaths = ["/api/incidents", "/api/incidents.csv", "/api/incidents/{board}", "/api/actions", "/api/actions?overdue=true"]; // nothing is overdue on the meeting's day

    private readonly TempFolder _folder = new();
    private readonly TestClock _clock = new(WorkedExample.Meeting);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EveryIncidentEndpointRefusesAnAnonymousRequestAndAnswersTheTeamLinksCookie()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        using var stranger = app.AnonymousClient();

        foreach (var path in IncidentPaths.Select(p => p.Replace("{board}", meeting.BoardId, StringComparison.Ordinal)))
        {
            using var refused = await stranger.GetAsync(path).Within();
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var problem = await AppServer.ReadJsonAsync(refused);
            Assert.Equal("sign_in_required", (string)problem["code"]!);
            var text = problem.ToJsonString();
            Assert.DoesNotContain(WorkedExample.Title, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Priya", text, StringComparison.Ordinal);

            using var answered = await app.Http.GetAsync(path).Within();
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var body = await answered.Content.ReadAsStringAsync().Within();
            if (!path.Contains("overdue", StringComparison.Ordinal))
            {
                Assert.Contains(path.StartsWith("/api/actions", StringComparison.Ordinal) ? WorkedExample.ContractTests : WorkedExample.Title, body, StringComparison.Ordinal);
            }
        }

        // A new board's "previous open actions" are incident data too: a stranger creating a board gets none.
        using var created = await stranger.PostAsJsonAsync("/api/boards", new
        {
            title = "Made by a stranger", incidentAt = WorkedExample.ChangeDeployed, incidentType = "Integration", severity = 2, facilitatorName = "Eve",
        }).Within();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null((await AppServer.ReadJsonAsync(created))["previousOpenActions"]);
        var member = await app.CreateBoardAsync("Made by a team member", WorkedExample.ChangeDeployed);
        Assert.NotEmpty(member.PreviousOpenActions!);
    }

    [Fact]
    public async Task TheTeamLinkSetsAnHttpOnlyCookieAndAWrongOrOldLinkSetsNone()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var access = app.Services.GetRequiredService<TeamAccess>();
        using var browser = app.AnonymousClient();

        using var wrong = await browser.GetAsync($"{TeamAccess.LinkPath}/{new string('A', 22)}").Within();
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("team_link_invalid", (string)(await AppServer.ReadJsonAsync(wrong))["code"]!);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/incidents").Within()).StatusCode);

        using var opened = await browser.GetAsync($"{TeamAccess.LinkPath}/{access.Key}").Within();
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/incidents", opened.Headers.Location!.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(TeamAccess.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/incidents").Within()).StatusCode);
        Assert.True((bool)(await AppServer.ReadJsonAsync(await browser.GetAsync("/api/team").Within()))["signedIn"]!);

        // A forged cookie (right shape, wrong MAC) is refused like none.
        using var forger = app.AnonymousClient();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        forged.Headers.Add("Cookie", $"{TeamAccess.CookieName}={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{new string('A', 43)}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.SendAsync(forged).Within()).StatusCode);
    }

    [Fact]
    public async Task RotatingTheTeamKeyEndsTheOldLinkAndEverySessionMadeWithIt()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var access = app.Services.GetRequiredService<TeamAccess>();
        var oldKey = access.Key;
        using var colleague = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.GetAsync($"{TeamAccess.LinkPath}/{oldKey}").Within()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/actions").Within()).StatusCode);

        // Anonymous callers cannot rotate; a team member can, and keeps access.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsync("/api/team/rotate", null).Within()).StatusCode);
        using var rotated = await app.Http.PostAsync("/api/team/rotate", null).Within();
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var link = (string)(await AppServer.ReadJsonAsync(rotated))["link"]!;
        Assert.EndsWith($"{TeamAccess.LinkPath}/{access.Key}", link, StringComparison.Ordinal);
        Assert.NotEqual(oldKey, access.Key);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/actions").Within()).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await colleague.GetAsync("/api/actions").Within()).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync($"{TeamAccess.LinkPath}/{oldKey}").Within()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.GetAsync(new Uri(link).AbsolutePath).Within()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/actions").Within()).StatusCode);
    }

    [Fact]
    public async Task TheTeamLinkCommandPrintsTheKeyTheServerUsesAndRotatesIt()
    {
        string first;
        await using (var app = AppServer.Start(_folder.Path, _clock))
        {
            first = app.Services.GetRequiredService<TeamAccess>().Key;
        }

        var printed = RunCommand("--base-url", "https://pm.example.com");
        Assert.Contains($"https://pm.example.com{TeamAccess.LinkPath}/{first}", printed, StringComparison.Ordinal);
        var rotated = RunCommand("--rotate");
        Assert.DoesNotContain(first, rotated, StringComparison.Ordinal);

        // The restarted server takes the rotated key: the old link is refused, the printed one works.
        await using var restarted = AppServer.Start(_folder.Path, _clock);
        var key = restarted.Services.GetRequiredService<TeamAccess>().Key;
        Assert.Contains($"{TeamAccess.LinkPath}/{key}", rotated, StringComparison.Ordinal);
        using var browser = restarted.AnonymousClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{TeamAccess.LinkPath}/{first}").Within()).StatusCode);
    }

    [Fact]
    public async Task ABoardsReadLinkStillOpensItsWriteUpAndSignOffWithoutTheTeamCredential()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        using var reader = app.AnonymousClient();
        var key = Uri.EscapeDataString(meeting.Board.ReadKey);

        foreach (var path in new[] { "read", "writeup.json", "writeup.md" })
        {
            using var response = await reader.GetAsync($"/api/boards/{meeting.BoardId}/{path}?key={key}").Within();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(WorkedExample.Title, await response.Content.ReadAsStringAsync().Within(), StringComparison.Ordinal);
        }

        using var signOff = await reader.PostAsJsonAsync($"/api/boards/{meeting.BoardId}/signoff", new { key = meeting.Board.ReadKey, name = "Dana" }).Within();
        Assert.Equal(HttpStatusCode.OK, signOff.StatusCode);
        // ...but the read key is no team credential.
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/incidents/{meeting.BoardId}?key={key}").Within()).StatusCode);
    }

    [Fact]
    public async Task WithOpenIdConnectConfiguredATeamMemberSignsInAtTheProviderAndReadsTheLog()
    {
        await using var provider = await FakeOidcProvider.StartAsync();
        await using var app = AppServer.Start(_folder.Path, settings: new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = provider.Authority,
            ["Auth:Oidc:ClientId"] = FakeOidcProvider.ClientId,
            ["Auth:Oidc:ClientSecret"] = "not-checked-by-the-fake",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var browser = app.AnonymousClient();
        using var refused = await browser.GetAsync("/api/incidents").Within();
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("/signin", (string)(await AppServer.ReadJsonAsync(refused))["detail"]!, StringComparison.Ordinal);
        Assert.Equal("/signin", (string)(await AppServer.ReadJsonAsync(await browser.GetAsync("/api/team").Within()))["signIn"]!);

        // The browser's round trip: our sign-in → the provider → our callback (which redeems the code) → back.
        using var toProvider = await browser.GetAsync("/signin?returnUrl=/actions").Within();
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        Assert.StartsWith(provider.Authority + "/authorize?", toProvider.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var providerClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var toCallback = await providerClient.GetAsync(toProvider.Headers.Location).Within();
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        using var signedIn = await browser.GetAsync(toCallback.Headers.Location!.PathAndQuery).Within();
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/actions", signedIn.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/incidents").Within()).StatusCode);
        Assert.True((bool)(await AppServer.ReadJsonAsync(await browser.GetAsync("/api/team").Within()))["signedIn"]!);
        // The team link keeps working beside single sign-on.
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/api/actions").Within()).StatusCode);
    }

    private string RunCommand(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TeamLinkCommand.Run([TeamLinkCommand.Verb, .. extra, "--Data:Folder", _folder.Path], output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }
}
