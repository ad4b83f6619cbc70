using System.Net;
using PostMortem.Core;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Roles in the incident over the real server: given at create and join, shown instead of names by the
/// write-up's exports with roles=1 and by the hub's preview (docs/PROTOCOL.md R26).</summary>
public sealed class NamesAsRolesTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private static readonly string[] Names = ["Sam", "Okafor", "Alex", "Blake", "Robin"];

    private static async Task<(ApiClient Api, CreateBoardResponse Board)> TeamAsync(ServerFactory server)
    {
        var api = server.Api();
        var board = await api.CreateBoardAsync(new
        {
            title = "Pause subscription API change",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType = "deployment",
            severity = 2,
            facilitatorName = "Sam Okafor",
            facilitatorJobRole = "incident commander",
            preWork = "2026-03-03 16:47 Alex deployed the API change\n2026-03-04 09:00 Blake paged Sam after Robin's email",
        });
        using var alex = await api.PostAsync($"api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name = "Alex", jobRole = "on-call engineer" });
        Assert.Equal(HttpStatusCode.OK, alex.StatusCode);
        using var blake = await api.PostAsync($"api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name = "Blake", jobRole = "On-call engineer" });
        Assert.Equal(HttpStatusCode.OK, blake.StatusCode);
        using var signOff = await api.PostAsync($"api/boards/{board.BoardId}/signoff", new { key = board.ReadKey, name = "Robin" });
        Assert.Equal(HttpStatusCode.OK, signOff.StatusCode);
        return (api, board);
    }

    [Fact]
    public async Task TheWriteUpExportsWithRolesOneHoldNoParticipantsNameAndTheirRolesInstead()
    {
        var (api, board) = await TeamAsync(server);
        using var _ = api;
        var key = Uri.EscapeDataString(board.ReadKey);

        using var markdown = await api.GetAsync($"api/boards/{board.BoardId}/writeup.md?key={key}&roles=1");
        using var json = await api.GetAsync($"api/boards/{board.BoardId}/writeup.json?key={key}&roles=1");
        using var withNames = await api.GetAsync($"api/boards/{board.BoardId}/writeup.md?key={key}");

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var md = await markdown.Content.ReadAsStringAsync();
        var body = await json.Content.ReadAsStringAsync();
        foreach (var name in Names)
        {
            Assert.DoesNotContain(name, md, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("on-call engineer 1 deployed the API change", md, StringComparison.Ordinal);
        Assert.Contains("on-call engineer 2 paged incident commander after reader 1's email", md, StringComparison.Ordinal);
        Assert.Contains("- reader 1, ", md, StringComparison.Ordinal);
        var named = await withNames.Content.ReadAsStringAsync();
        Assert.Contains("Alex deployed the API change", named, StringComparison.Ordinal);
        Assert.Contains("- Robin, ", named, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md")]
    [InlineData("json")]
    public async Task ARolesValueTheSwitchDoesNotHaveIsRefusedWithAReason(string format)
    {
        var (api, board) = await TeamAsync(server);
        using var _ = api;

        using var response = await api.GetAsync($"api/boards/{board.BoardId}/writeup.{format}?key={Uri.EscapeDataString(board.ReadKey)}&roles=yes-please");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ServerCodes.InvalidRequest, await ApiClient.ProblemCodeAsync(response));
        using var again = await api.GetAsync($"api/boards/{board.BoardId}/writeup.{format}?key={Uri.EscapeDataString(board.ReadKey)}&roles=yes-please");
        Assert.Equal("roles is 1 to replace names by roles, or 0 to show names.", (await ApiClient.ReadJsonAsync(again)).Str("detail"));
    }

    [Fact]
    public async Task AJoinWithARoleTooLongIsRefusedWithItsCodeAndNobodyJoins()
    {
        var (api, board) = await TeamAsync(server);
        using var _ = api;
        var read = $"api/boards/{board.BoardId}/read?key={Uri.EscapeDataString(board.ReadKey)}";
        using var before = await api.GetAsync(read);
        var people = (await ApiClient.ReadJsonAsync(before)).GetProperty("participants").GetArrayLength();

        using var refused = await api.PostAsync($"api/boards/{board.BoardId}/join",
            new { joinCode = board.JoinCode, name = "Casey", jobRole = new string('r', Limits.JobRoleLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(RejectionCodes.TextTooLong, await ApiClient.ProblemCodeAsync(refused));
        using var after = await api.GetAsync(read);
        var view = await ApiClient.ReadJsonAsync(after);
        Assert.Equal(people, view.GetProperty("participants").GetArrayLength());
        Assert.Equal(["On-call engineer", "incident commander", "on-call engineer"],
            view.GetProperty("participants").EnumerateArray().Select(p => p.Str("jobRole")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheHubsPreviewWithRolesNamesNobodyAndASelfOnlyRoleChangeFollows()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var alex = board.Participants[0];
        Assert.Equal("accepted", (await alex.Client.SubmitAsync(new { type = "setJobRole", jobRole = "on-call engineer" })).Status);
        var refused = await alex.Client.SubmitAsync(new { type = "setJobRole", jobRole = "observer", participantId = board.Board.ParticipantId });
        Assert.Equal((RejectionCodes.NotYourself, "Each person gives their own role in the incident; you can change only yours."), (refused.Code, refused.Message));
        Assert.Equal("accepted", (await board.Facilitator.SubmitAsync(new { type = "setClose", summary = "Alex rolled back; Sam watched.", impact = "None.", followUpDate = (string?)null })).Status);

        var named = await alex.Client.InvokeAsync(HubMethods.WriteUpPreview);
        var roles = await alex.Client.InvokeAsync(HubMethods.WriteUpPreviewWithRoles);

        Assert.Equal("Alex rolled back; Sam watched.", named.Str("summary"));
        Assert.Equal("on-call engineer rolled back; facilitator watched.", roles.Str("summary"));
    }
}
