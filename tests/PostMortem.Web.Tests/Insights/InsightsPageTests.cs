using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Web.Data;
using PostMortem.Web.Pages;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Insights;

/// <summary>/insights: team-only like the incident log; draws what the report says with a table and CSV link per chart.</summary>
public sealed class InsightsPageTests : BunitContext
{
    private readonly FakeIncidentPages _incidents = new();
    private readonly FakeInsightsPages _insights = new();

    public InsightsPageTests()
    {
        Services.AddSingleton<IIncidentPages>(_incidents);
        Services.AddSingleton<IInsightsPages>(_insights);
    }

    private IRenderedComponent<InsightsPage> RenderAt(string uri)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return Render<InsightsPage>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext { User = new ClaimsPrincipal() }));
    }

    private static InsightsReport Report() => new(
        "2026-02", "2026-03", IncidentType.Deployment, new DateOnly(2026, 3, 28), ["2026-02", "2026-03"],
        new IncidentCounts([1, 2], [new InsightsSeries("deployment", [1, 2])], [new InsightsSeries("1", [0, 1]), new InsightsSeries("2", [1, 1])]),
        new ResponseTimes([new IncidentResponse("b1", "Checkout broke", new DateOnly(2026, 2, 3), "2026-02", "impactStart", 210, 344)], [210, null], [344, null], 210, 344),
        [new CauseTheme("No canary stage", 2, 2, 0, ["canary", "stage"], [new CauseThemeIncident("b1", "Checkout broke", new DateOnly(2026, 2, 3), "root cause", "No canary stage")])],
        new FollowThrough([1, 0], [0, 1], [1, 0], [0, 0], [6, null], 6, 0));

    [Fact]
    public void WithoutTheTeamCredentialThePageSaysHowToGetItAndAsksForNothing()
    {
        _incidents.TeamMember = false;

        var cut = RenderAt("/insights");

        Assert.Contains("open your team's access link", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg"));
        Assert.Empty(_insights.Queries);
    }

    [Fact]
    public void EachChartHasItsTableAndACsvLinkWithThePagesPeriodAndType()
    {
        _insights.Report = PageResult<InsightsReport>.Ok(Report());

        var cut = RenderAt("/insights?from=2026-02&to=2026-03&type=deployment");

        Assert.Equal(new InsightsQuery("2026-02", "2026-03", "deployment"), Assert.Single(_insights.Queries));
        Assert.Equal(5, cut.FindAll("section.insight").Count);
        Assert.Equal(6, cut.FindAll("svg[role=img]").Count);
        Assert.Equal(
            new[] { "incidents-by-type", "incidents-by-severity", "response-times", "recurring-causes", "follow-through" }
                .Select(c => $"/insights/{c}.csv?from=2026-02&to=2026-03&type=deployment"),
            cut.FindAll("section.insight a[download]").Select(a => a.GetAttribute("href")));
        var byType = cut.Find("section[aria-labelledby=incidents-by-type-heading] table");
        Assert.Equal(["Feb 2026", "1", "1"], byType.QuerySelectorAll("tbody tr")[0].Children.Select(c => c.TextContent));
        // Minutes are shown as hours in the chart's table, and as a duration per incident.
        var medians = cut.Find("section[aria-labelledby=response-times-heading] table");
        Assert.Equal(["Feb 2026", "3.5", "5.7"], medians.QuerySelectorAll("tbody tr")[0].Children.Select(c => c.TextContent));
        Assert.Contains("3 h 30 min", cut.Find(".insight-incidents table").TextContent, StringComparison.Ordinal);
        Assert.Equal("Deployment", cut.Find("#insights-type option[selected]").TextContent);
        Assert.Equal("2026-02", cut.Find("#insights-from").GetAttribute("value"));
    }

    [Fact]
    public void ABadFilterIsSaidInWordsAndNothingIsDrawn()
    {
        _insights.Report = PageResult<InsightsReport>.Fail(400, IncidentLogCodes.InvalidFilter, "from: 'someday' is not a month; use yyyy-MM, e.g. 2026-03.");

        var cut = RenderAt("/insights?from=someday");

        Assert.Contains("is not a month", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("svg"));
    }
}

internal sealed class FakeInsightsPages : IInsightsPages
{
    public PageResult<InsightsReport> Report { get; set; } = PageResult<InsightsReport>.Fail(503, ServerCodes.Unavailable, "No database.");

    public List<InsightsQuery> Queries { get; } = [];

    public Task<PageResult<InsightsReport>> ReportAsync(InsightsQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(Report);
    }
}
