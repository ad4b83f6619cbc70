using Bunit;
using Microsoft.AspNetCore.Components.Forms.Mapping;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Pages;

/// <summary>/new: the form posts, and the answer is the created board's links.</summary>
public sealed class CreatePageTests : BunitContext
{
    private readonly FakeBoardPages _boards = new();
    private readonly FakeIncidentPages _incidents = new() { TeamMember = false };
    private readonly FakeFormValues _form = new();

    public CreatePageTests()
    {
        Services.AddSingleton<IBoardPages>(_boards);
        Services.AddSingleton<IIncidentPages>(_incidents);
        Services.AddSingleton<IFormValueMapper>(_form);
        Services.AddSupplyValueFromFormProvider();
    }

    private void Post(string when = "2026-03-04T05:30", string zone = "Europe/London", string agenda = "ninety", int[]? minutes = null) =>
        _form.Values["Form"] = new CreatePage.CreateForm
        {
            Title = " Wrong produce after the API change ",
            When = when,
            Zone = zone,
            Type = "integration",
            Severity = 1,
            Agenda = agenda,
            Minutes = minutes ?? [5, 20, 25, 10, 20, 10],
            Name = " Fran ",
            PreWork = "2026-03-04 05:30 Job ran",
        };

    [Fact]
    public void TheFormHasTheFieldsTheFirstClientHad()
    {
        var cut = Render<CreatePage>();

        Assert.Equal("New post-mortem", cut.Find("h1").TextContent);
        var labels = cut.FindAll("form label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Title", labels);
        Assert.Contains("Incident date and time", labels);
        Assert.Contains("Time zone of the timeline", labels);
        Assert.Contains("Severity (1 = worst)", labels);
        Assert.Contains("Your name (facilitator)", labels);
        Assert.Contains("Pre-work: draft timeline (optional)", labels);
        Assert.Equal(["sixty", "ninety", "custom"], cut.FindAll("input[type=radio]").Select(r => r.GetAttribute("value")));
        Assert.Equal("Create post-mortem", cut.Find("button[type=submit]").TextContent);
        Assert.Empty(_boards.Creates);
    }

    [Fact]
    public void PostingCreatesTheBoardAtTheWallTimeOfTheZoneAndShowsItsLinks()
    {
        _boards.Created = PageResult<CreateBoardResponse>.Ok(new CreateBoardResponse(
            "b1", "join-code", "fac-secret", "read-key", "p1", "token",
            ImportErrors: [new ImportLineError(7, "bad line", "no time")],
            PreviousOpenActions: [new PreviousOpenAction("b0", "Earlier outage", "n1", "Add an alert", null, new DateOnly(2026, 2, 1), ActionStatus.Open, true, 31)]));
        Post();

        var cut = Render<CreatePage>();
        cut.Find("form").Submit();

        var (request, teamMember) = _boards.Creates.Single();
        Assert.False(teamMember);
        Assert.Equal("Wrong produce after the API change", request.Title);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 30, 0, TimeSpan.Zero), request.IncidentAt);
        Assert.Equal(IncidentType.Integration, request.IncidentType);
        Assert.Equal(1, request.Severity);
        Assert.Equal("Fran", request.FacilitatorName);
        Assert.Equal(AgendaPreset.Ninety, request.AgendaPreset);
        Assert.Null(request.CustomAgenda);
        Assert.Equal("Europe/London", request.TimeZone);

        Assert.Equal("Your post-mortem is ready", cut.Find("h1").TextContent);
        Assert.Equal("http://localhost/b/b1/join#code=join-code", cut.Find("#created-join").GetAttribute("value"));
        Assert.Equal("http://localhost/b/b1/read?key=read-key", cut.Find("#created-read").GetAttribute("value"));
        Assert.Equal("http://localhost/b/b1/facilitator#secret=fac-secret", cut.Find("#created-facilitator").GetAttribute("value"));
        Assert.Contains("Line 7: bad line — no time", cut.Find(".import-errors[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Contains("overdue by 31 days", cut.Find("[data-testid=previous-action]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/b/b1/facilitator#secret=fac-secret", cut.Find("a.button.primary").GetAttribute("href"));
    }

    [Fact]
    public void TheFacilitatorMayMakeTheWholeBoardOrChosenPhasesAnonymous()
    {
        _boards.Created = PageResult<CreateBoardResponse>.Ok(new CreateBoardResponse("b1", "j", "f", "r", "p1", "t"));
        var cut = Render<CreatePage>();
        Assert.Equal(5, cut.FindAll("[data-testid=create-anonymity] input[type=checkbox]").Count);

        Post();
        ((CreatePage.CreateForm)_form.Values["Form"]!).AnonWholeBoard = true;
        Render<CreatePage>().Find("form").Submit();
        Post();
        var chosen = (CreatePage.CreateForm)_form.Values["Form"]!;
        chosen.AnonTimeline = true;
        chosen.AnonActions = true;
        Render<CreatePage>().Find("form").Submit();
        Post();
        Render<CreatePage>().Find("form").Submit();

        var sent = _boards.Creates.Select(c => c.Request.AnonymousPhases).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(AnonymityPhases.All, sent[0]);
        Assert.Equal([Phase.Timeline, Phase.Actions], sent[1]!);
        Assert.Null(sent[2]);
    }

    [Fact]
    public void ACustomAgendaSendsTheMinutesOfEachPhase()
    {
        _boards.Created = PageResult<CreateBoardResponse>.Ok(new CreateBoardResponse("b1", "j", "f", "r", "p1", "t"));
        _incidents.TeamMember = true;
        Post(agenda: "custom", minutes: [1, 2, 3, 4, 5, 6]);

        var cut = Render<CreatePage>(p => p.AddCascadingValue<Microsoft.AspNetCore.Http.HttpContext>(new Microsoft.AspNetCore.Http.DefaultHttpContext()));
        cut.Find("form").Submit();

        var (request, teamMember) = _boards.Creates.Single();
        Assert.True(teamMember);
        Assert.Equal(AgendaPreset.Custom, request.AgendaPreset);
        Assert.Equal([1, 2, 3, 4, 5, 6], request.CustomAgenda!.Select(s => s.Minutes));
        Assert.Equal(Enum.GetValues<Phase>(), request.CustomAgenda!.Select(s => s.Phase));
    }

    [Fact]
    public void AnUnknownZoneOrARefusalIsSaidAndTheFormStays()
    {
        Post(zone: "Mars/Olympus");
        var cut = Render<CreatePage>();
        cut.Find("form").Submit();

        Assert.Empty(_boards.Creates);
        Assert.Contains("“Mars/Olympus” is not a time zone", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Wrong produce after the API change", cut.Find("#new-title").GetAttribute("value")!.Trim());

        _boards.Created = PageResult<CreateBoardResponse>.Fail(400, "text_too_long", "A title is at most 200 characters.");
        Post();
        cut = Render<CreatePage>();
        cut.Find("form").Submit();

        Assert.Equal("A title is at most 200 characters.", cut.Find("[role=alert]").TextContent);
        Assert.Equal("New post-mortem", cut.Find("h1").TextContent);
    }
}
