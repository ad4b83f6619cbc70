using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Web.Client.Pages;
using PostMortem.Web.Client.Services;
using Xunit;

namespace PostMortem.Web.Tests.Pages;

/// <summary>The join and facilitator-link pages (WebAssembly): the secret from the fragment, the HTTP API, the stored access.</summary>
public sealed class EntryPagesTests : BunitContext
{
    private readonly FakeApi _api = new();

    public EntryPagesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new HttpClient(_api) { BaseAddress = new Uri("http://localhost/") });
        Services.AddScoped<BrowserStorage>();
        Services.AddScoped<BoardAccessStore>();
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("WebAssembly", isInteractive: true));
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void JoiningPostsTheCodeAndNameSavesTheAccessAndOpensTheBoard()
    {
        _api.Answer = (HttpStatusCode.OK, """{"boardId":"b1","participantId":"p7","token":"tok"}""");
        Navigation.NavigateTo("/b/b1/join#code=the%20code");

        var cut = Render<JoinPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Equal("true", cut.Find("main").GetAttribute("data-interactive"));
        Assert.True(cut.Find("button[type=submit]").HasAttribute("disabled"));
        cut.Find("#join-name").Input(" Ana ");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/b/b1", Navigation.Uri));
        var (path, body) = _api.Requests.Single();
        Assert.Equal("/api/boards/b1/join", path);
        Assert.Contains("\"joinCode\":\"the code\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Ana\"", body, StringComparison.Ordinal);
        var saved = JSInterop.Invocations.Where(i => i.Identifier == "localStorage.setItem").Select(i => (string)i.Arguments[0]!).ToList();
        Assert.Contains("pm:access:b1", saved);
        Assert.Contains("pm:name", saved);
    }

    [Fact]
    public void JoiningSendsTheRoleInTheIncidentWhenOneIsGiven()
    {
        _api.Answer = (HttpStatusCode.OK, """{"boardId":"b1","participantId":"p7","token":"tok"}""");
        Navigation.NavigateTo("/b/b1/join#code=c");

        var cut = Render<JoinPage>(p => p.Add(x => x.BoardId, "b1"));
        Assert.Equal("Your role in this incident (optional)", cut.Find("label[for=join-role]").TextContent);
        Assert.Equal("60", cut.Find("#join-role").GetAttribute("maxlength"));
        cut.Find("#join-name").Input("Ana");
        cut.Find("#join-role").Input("on-call engineer");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/b/b1", Navigation.Uri));
        Assert.Contains("\"jobRole\":\"on-call engineer\"", _api.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public void JoiningWithoutARoleSendsNone()
    {
        _api.Answer = (HttpStatusCode.OK, """{"boardId":"b1","participantId":"p7","token":"tok"}""");
        Navigation.NavigateTo("/b/b1/join#code=c");

        var cut = Render<JoinPage>(p => p.Add(x => x.BoardId, "b1"));
        cut.Find("#join-name").Input("Ana");
        cut.Find("#join-role").Input("   ");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Single(_api.Requests));
        Assert.DoesNotContain("jobRole", _api.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusedJoinShowsTheServersSentence()
    {
        _api.Answer = (HttpStatusCode.Forbidden, """{"detail":"The join code is not right for this board.","code":"unauthorized"}""");
        Navigation.NavigateTo("/b/b1/join#code=wrong");

        var cut = Render<JoinPage>(p => p.Add(x => x.BoardId, "b1"));
        cut.Find("#join-name").Input("Ana");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("The join code is not right for this board.", cut.Find("[role=alert]").TextContent));
        Assert.Equal("http://localhost/b/b1/join#code=wrong", Navigation.Uri);
    }

    [Fact]
    public void AJoinLinkWithoutItsCodeSaysSoAndCannotJoin()
    {
        Navigation.NavigateTo("/b/b1/join");

        var cut = Render<JoinPage>(p => p.Add(x => x.BoardId, "b1"));
        cut.Find("#join-name").Input("Ana");

        Assert.Equal("This join link is incomplete. Ask the facilitator for the link again.", cut.Find("[role=alert]").TextContent);
        Assert.True(cut.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void TheFacilitatorLinkTakesTheRoleBackKeepsTheReadKeyAndOpensTheBoard()
    {
        _api.Answer = (HttpStatusCode.OK, """{"boardId":"b1","participantId":"p1","token":"tok","readKey":"rk"}""");
        Navigation.NavigateTo("/b/b1/facilitator#secret=s3cret");

        var cut = Render<FacilitatorLinkPage>(p => p.Add(x => x.BoardId, "b1"));

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/b/b1", Navigation.Uri));
        Assert.Equal(("/api/boards/b1/facilitator", """{"facilitatorSecret":"s3cret"}"""), _api.Requests.Single());
        var saved = JSInterop.Invocations.Where(i => i.Identifier == "localStorage.setItem").Select(i => (string)i.Arguments[0]!).ToList();
        Assert.Equal(["pm:access:b1", "pm:readkey:b1"], saved);
    }

    [Fact]
    public void AWrongFacilitatorSecretIsSaid()
    {
        _api.Answer = (HttpStatusCode.Forbidden, """{"detail":"The facilitator secret is not right for this board."}""");
        Navigation.NavigateTo("/b/b1/facilitator#secret=wrong");

        var cut = Render<FacilitatorLinkPage>(p => p.Add(x => x.BoardId, "b1"));

        cut.WaitForAssertion(() => Assert.Equal("The facilitator secret is not right for this board.", cut.Find("[role=alert]").TextContent));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
    }

    /// <summary>The server's HTTP API as a test sets it: one answer, every request recorded (path and JSON body).</summary>
    private sealed class FakeApi : HttpMessageHandler
    {
        public (HttpStatusCode Status, string Json) Answer { get; set; } = (HttpStatusCode.InternalServerError, "{}");

        public List<(string Path, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.AbsolutePath, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(Answer.Status) { Content = new StringContent(Answer.Json, Encoding.UTF8, "application/json") };
        }
    }
}
