using System.Net;

namespace PostMortem.Data.Tests;

/// <summary>
/// /insights and its CSVs over HTTP on the real server: incident data, so the team credential is needed exactly as for
/// the incident log (docs/PROTOCOL.md, "6.3 Incident insights"); bad filters and unknown charts get a code and a reason.
/// </summary>
public sealed class InsightsHttpTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestClock _clock = new(WorkedExample.Meeting);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TheInsightsPageDrawsItsChartsForTheTeamAndTellsAStrangerHowToGetIn()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        await WorkedExample.RunAsync(app);
        using var stranger = app.AnonymousClient();

        var refused = await stranger.GetStringAsync("/insights").Within();
        var page = await app.Http.GetStringAsync("/insights").Within();

        Assert.Contains("open your team&#x27;s access link", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-svg", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("reconciliation", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, CountOf(page, "<section class=\"insight\""));
        Assert.Equal(5, CountOf(page, "role=\"img\"")); // no cause recurs yet: no ranking drawn
        Assert.Contains("<title>Incidents per month by type</title>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/insights/follow-through.csv?from=2025-04&amp;to=2026-03\"", page, StringComparison.Ordinal);
        // The worked example's times to detect and resolve, in its row of the per-incident table.
        Assert.Contains("3 h 30 min", page, StringComparison.Ordinal);
        Assert.Contains("5 h 44 min", page, StringComparison.Ordinal);
        // The incident log links here.
        Assert.Contains("href=\"/insights\"", await app.Http.GetStringAsync("/incidents").Within(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachChartsCsvNeedsTheTeamCredentialAndListsTheChartsNumbers()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);
        await WorkedExample.RunAsync(app);
        using var stranger = app.AnonymousClient();

        foreach (var chart in Records.Insights.InsightsCsv.Charts)
        {
            using var refused = await stranger.GetAsync($"/insights/{chart}.csv").Within();
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("sign_in_required", (string)(await AppServer.ReadJsonAsync(refused))["code"]!);

            using var answered = await app.Http.GetAsync($"/insights/{chart}.csv?from=2026-02&to=2026-03").Within();
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Equal("text/csv", answered.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"insights-{chart}-2026-02-to-2026-03.csv", answered.Content.Headers.ContentDisposition!.FileNameStar ?? answered.Content.Headers.ContentDisposition.FileName);
        }

        var byType = await app.Http.GetStringAsync("/insights/incidents-by-type.csv?from=2026-02&to=2026-03").Within();
        Assert.Equal("month,total,integration\r\n2026-02,0,0\r\n2026-03,1,1\r\n", byType);
        var times = await app.Http.GetStringAsync("/insights/response-times.csv?from=2026-03&to=2026-03&type=INTEGRATION").Within();
        Assert.Contains($",{WorkedExample.Title},impactStart,210,344,", times, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/insights/pie.csv", HttpStatusCode.NotFound, "chart_not_found", "follow-through")]
    [InlineData("/insights/follow-through.csv?from=2026-13", HttpStatusCode.BadRequest, "invalid_filter", "from")]
    [InlineData("/insights/follow-through.csv?from=2026-03&to=2026-01", HttpStatusCode.BadRequest, "invalid_filter", "after")]
    [InlineData("/insights/follow-through.csv?type=outage", HttpStatusCode.BadRequest, "invalid_filter", "deployment")]
    public async Task ABadChartOrFilterGetsACodeAndAReason(string path, HttpStatusCode status, string code, string reasonMentions)
    {
        await using var app = AppServer.Start(_folder.Path, _clock);

        using var response = await app.Http.GetAsync(path).Within();
        var problem = await AppServer.ReadJsonAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (string)problem["code"]!);
        Assert.Contains(reasonMentions, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFilterOnThePageIsSaidInWordsAndDrawsNothing()
    {
        await using var app = AppServer.Start(_folder.Path, _clock);

        var page = await app.Http.GetStringAsync("/insights?from=someday").Within();

        Assert.Contains("from: &#x27;someday&#x27; is not a month; use yyyy-MM", page, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-svg", page, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
