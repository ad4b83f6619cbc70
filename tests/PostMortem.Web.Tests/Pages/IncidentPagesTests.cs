using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms.Mapping;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Shared;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Pages;

/// <summary>Incident log, one incident, action follow-up: team-only, server-rendered.</summary>
public sealed class IncidentPagesTests : BunitContext
{
    private static readonly DateTimeOffset _closed = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeIncidentPages _incidents = new();
    private readonly FakeFormValues _form = new();

    public IncidentPagesTests()
    {
        Services.AddSingleton<IIncidentPages>(_incidents);
        Services.AddSingleton<IFormValueMapper>(_form);
        Services.AddSupplyValueFromFormProvider();
    }

    private static IncidentRow Row(string id, string title, int overdue = 0, IReadOnlyList<RecurringCause>? causes = null) =>
        new(id, title, new DateOnly(2026, 3, 4), _closed, IncidentType.Integration, 2, "It broke.", "No idempotency key", IncidentStatus.FollowUp,
            1, 2, overdue, null, _closed, causes ?? []);

    private static ActionView Action(string note, string text, bool overdue, ActionStatus status = ActionStatus.Open) =>
        new("b1", "Refunds booked twice", note, text, "Ana", new DateOnly(2026, 3, 1), ActionKind.LongTerm, status, null, null, overdue, overdue ? 3 : 0);

    private IRenderedComponent<T> RenderAt<T>(string uri, Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<T>(p =>
        {
            p.AddCascadingValue<HttpContext>(new DefaultHttpContext());
            parameters?.Invoke(p);
        });
    }

    [Fact]
    public void WithoutTheTeamCredentialEachPageSaysHowToGetIt()
    {
        _incidents.TeamMember = false;

        var log = RenderAt<IncidentsPage>("/incidents?q=refunds");
        var detail = RenderAt<IncidentDetailPage>("/incidents/b1", p => p.Add(x => x.BoardId, "b1"));
        var actions = RenderAt<FollowUpPage>("/actions");

        foreach (var alert in new[] { log.Find("[role=alert]"), detail.Find("[role=alert]"), actions.Find("[role=alert]") })
        {
            Assert.Contains("open your team's access link", alert.TextContent, StringComparison.Ordinal);
        }

        Assert.Empty(log.FindAll("[data-testid=incident-row]"));
        Assert.Empty(_incidents.Queries);
        Assert.Empty(_incidents.ActionQueries);
    }

    [Fact]
    public void TheLogFiltersFromTheQueryAndExportsTheSameAsCsv()
    {
        var recurring = new RecurringCause("b0", "Balances drifted", new DateOnly(2025, 5, 1), 0.8, "now", "then", ["contract"], "It shares the words \"contract\".");
        _incidents.Rows = PageResult<IReadOnlyList<IncidentRow>>.Ok([Row("b1", "Refunds booked twice", overdue: 2, causes: [recurring]), Row("b2", "Balances drifted")]);

        var cut = RenderAt<IncidentsPage>("/incidents?q=refunds&type=integration&from=2026-01-01");

        Assert.Equal(new IncidentQuery("integration", null, "2026-01-01", null, "refunds"), _incidents.Queries.Single());
        Assert.Equal("refunds", cut.Find("#log-q").GetAttribute("value"));
        Assert.True(cut.Find("#log-type option[value=integration]").HasAttribute("selected"));
        Assert.Equal("/api/incidents.csv?q=refunds&type=integration&from=2026-01-01", cut.Find("a[download='incidents.csv']").GetAttribute("href"));
        Assert.Equal("/incidents", cut.Find("a.button[href='/incidents']").GetAttribute("href"));
        var rows = cut.FindAll("[data-testid=incident-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("2", rows[0].QuerySelector("[data-testid=overdue-count]")!.TextContent);
        Assert.Equal("has-overdue", rows[0].ClassName);
        Assert.Contains("It shares the words", rows[0].QuerySelector("[data-testid=recurring-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector("[data-testid=recurring]"));
        Assert.Equal("2 post-mortems · 1 with a recurring cause · 2 overdue actions", cut.Find(".log-summary").TextContent.Trim());
    }

    [Fact]
    public void AnEmptyLogSaysWhetherTheFiltersOrTheLogAreEmpty()
    {
        var filtered = RenderAt<IncidentsPage>("/incidents?q=nothing");
        Assert.Equal("No post-mortems match these filters.", filtered.Find(".empty-state").TextContent.Trim());

        var empty = RenderAt<IncidentsPage>("/incidents");
        Assert.Equal("No post-mortems yet", empty.Find(".empty-state h2").TextContent);
        Assert.Empty(empty.FindAll("a.button[href='/incidents']"));
    }

    [Fact]
    public void TheDetailShowsTheActionsAndChangesAStatusWithTheBrowsersToken()
    {
        _incidents.Detail = PageResult<IncidentDetail>.Ok(new IncidentDetail(Row("b1", "Refunds booked twice", overdue: 1), "42 refunds", "Europe/London", ["Retries"],
            [Action("n1", "Make refunds idempotent", overdue: true), Action("n2", "Alert on duplicates", overdue: false, ActionStatus.Done)],
            [new SignOffView("Dana Okafor", _closed)]));
        _form.Values["Post"] = new ActionStatusForm.StatusPost { Status = "done", Token = "board-token" };

        var cut = RenderAt<IncidentDetailPage>("/incidents/b1", p => p.Add(x => x.BoardId, "b1"));

        var actions = cut.FindAll("[data-testid=incident-action]");
        Assert.Equal(2, actions.Count);
        Assert.Equal("overdue-row", actions[0].ClassName);
        Assert.Contains("overdue by 3 days", actions[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Done", actions[1].QuerySelector("[data-testid=action-status]")!.TextContent);
        Assert.True(cut.Find("form[data-action-board]").HasAttribute("hidden"));
        Assert.Contains("Dana Okafor", cut.Find(".signoff-list li").TextContent, StringComparison.Ordinal);
        Assert.Contains("Fri 6 Mar, 12:00", cut.Find(".signoff-list li").TextContent, StringComparison.Ordinal);

        cut.FindAll("form[data-action-board]")[0].Submit();

        var (noteId, request, token) = _incidents.Updates.Single();
        Assert.Equal(("n1", "done", "b1", "board-token"), (noteId, request!.Status, request.BoardId, token));
    }

    [Fact]
    public void ARefusedStatusChangeIsSaidInWords()
    {
        _incidents.Detail = PageResult<IncidentDetail>.Ok(new IncidentDetail(Row("b1", "Refunds booked twice"), "", "UTC", [], [Action("n1", "Make refunds idempotent", overdue: false)], []));
        _incidents.Update = PageResult<ActionStatusResponse>.Fail(403, "not_owner", "not_owner");
        _form.Values["Post"] = new ActionStatusForm.StatusPost { Status = "done", Token = "someone-elses-token" };

        var cut = RenderAt<IncidentDetailPage>("/incidents/b1", p => p.Add(x => x.BoardId, "b1"));
        cut.Find("form[data-action-board]").Submit();

        Assert.Equal("Only the action’s owner or the facilitator can change its status.", cut.Find("[role=alert]").TextContent);
    }

    [Fact]
    public void AnIncidentNotYetClosedSaysWhenItWillBeThere()
    {
        var cut = RenderAt<IncidentDetailPage>("/incidents/b9", p => p.Add(x => x.BoardId, "b9"));

        Assert.Equal("Not in the incident log yet", cut.Find(".empty-state h1").TextContent);
    }

    [Fact]
    public void FollowUpPutsOverdueActionsFirstAndFiltersThemFromTheQuery()
    {
        _incidents.Actions = PageResult<IReadOnlyList<ActionView>>.Ok([Action("n1", "On time", overdue: false), Action("n2", "Late", overdue: true)]);

        var cut = RenderAt<FollowUpPage>("/actions?overdue=true");

        Assert.Equal("true", _incidents.ActionQueries.Single());
        Assert.True(cut.Find("#followup-overdue").HasAttribute("checked"));
        Assert.Equal(["Late", "On time"], cut.FindAll("[data-testid=followup-action] .action-text").Select(a => a.TextContent));
        Assert.Equal("2 actions · 1 overdue", cut.Find("[role=status]").TextContent.Trim());
    }

    [Fact]
    public void StorageDownIsASentence()
    {
        _incidents.Actions = PageResult<IReadOnlyList<ActionView>>.Fail(503, "unavailable", "The incident log's storage is not answering; try again in a moment.");

        var cut = RenderAt<FollowUpPage>("/actions");

        Assert.Equal("The incident log's storage is not answering; try again in a moment.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll("table"));
    }
}
