using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;
using PostMortem.Data.Records.Insights;

namespace PostMortem.Data.Tests;

/// <summary>
/// The insights' numbers (docs/FEATURES.md, "Incident insights"): the worked example run through the real server and
/// closed, its actions followed up over HTTP, and a few incidents written beside it; every chart's numbers must equal
/// a computation made here, independently, from the raw rows the database holds (not the production queries).
/// </summary>
public sealed class InsightsTests : IDisposable
{
    /// <summary>The day the report is asked for: the default period is April 2025 to March 2026.</summary>
    private static readonly DateTimeOffset AskedAt = new(2026, 3, 28, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = DateOnly.FromDateTime(AskedAt.UtcDateTime);

    private readonly TempFolder _folder = new();
    private readonly TestClock _clock = new(WorkedExample.Meeting);

    public void Dispose() => _folder.Dispose();

    private static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Four incidents in the period and one before it, with different types, severities, key moments and
    /// action states; two pairs of causes resemble each other.</summary>
    private static IReadOnlyList<IncidentRecord> Seeded()
    {
        var checkout = IncidentLogTests.Record("Checkout deploy broke payments", At(2026, 1, 15), IncidentType.Deployment,
            rootCause: "No canary stage for checkout deploys", factors: ["Alert on payment error rate was missing"],
            actions: [("Add a canary stage", ActionStatus.Done, new DateOnly(2026, 1, 30)), ("Page on payment errors", ActionStatus.Open, new DateOnly(2026, 2, 1)),
                ("Rewrite checkout", ActionStatus.WontDo, null)]);
        checkout.Severity = 1;
        (checkout.TriggerAt, checkout.ImpactStartAt, checkout.DetectedAt, checkout.ResolvedAt) = (At(2026, 1, 15), At(2026, 1, 15, 10, 5), At(2026, 1, 15, 10, 35), At(2026, 1, 15, 12, 5));
        checkout.ClosedAt = At(2026, 1, 16, 15);
        checkout.Actions[0].DoneAt = At(2026, 1, 20, 15);

        var vendor = IncidentLogTests.Record("Vendor outage", At(2026, 1, 28), IncidentType.External,
            rootCause: "The vendor had no failover region", factors: ["Missing alert for the payment error rate"],
            actions: [("Second vendor", ActionStatus.Done, new DateOnly(2026, 2, 15))]);
        vendor.Severity = 3;
        (vendor.TriggerAt, vendor.DetectedAt, vendor.ResolvedAt) = (At(2026, 1, 28, 8), At(2026, 1, 28, 9), At(2026, 1, 28, 11, 30));
        vendor.ClosedAt = At(2026, 1, 29);
        vendor.Actions[0].DoneAt = At(2026, 2, 10, 4);

        var runbook = IncidentLogTests.Record("Runbook drift", At(2026, 3, 20), IncidentType.Process,
            rootCause: "No owner for the runbook", actions: [("Name an owner", ActionStatus.InProgress, new DateOnly(2026, 12, 31))]);
        runbook.ClosedAt = At(2026, 3, 21);

        var canary = IncidentLogTests.Record("Payments deploy without canary", At(2026, 3, 25), IncidentType.Deployment,
            rootCause: "Checkout deploys have no canary stage");
        (canary.ImpactStartAt, canary.DetectedAt) = (At(2026, 3, 25, 14), At(2026, 3, 25, 15, 30));
        canary.ClosedAt = At(2026, 3, 26);

        var old = IncidentLogTests.Record("Before the period", At(2025, 3, 10), IncidentType.Deployment, rootCause: "No canary stage for checkout deploys");
        (old.ImpactStartAt, old.DetectedAt) = (At(2025, 3, 10), At(2025, 3, 10, 20));
        return [checkout, vendor, runbook, canary, old];
    }

    /// <summary>The worked example closed on the server, a1 done a week later, a3 dropped; plus <see cref="Seeded"/>.</summary>
    private async Task<(AppServer App, Meeting Meeting)> SeedAsync()
    {
        var app = AppServer.Start(_folder.Path, _clock);
        var meeting = await WorkedExample.RunAsync(app);
        _clock.Set(At(2026, 3, 10, 12));
        Assert.Equal(200, (await app.PatchActionAsync("a1", new { status = "done" }, meeting.PriyaToken)).Status);
        _clock.Set(At(2026, 3, 12, 12));
        Assert.Equal(200, (await app.PatchActionAsync("a3", new { status = "wontDo" }, meeting.Board.Token)).Status);
        var recorder = app.Services.GetRequiredService<IncidentRecorder>();
        foreach (var record in Seeded())
        {
            Assert.True(await recorder.WriteAsync(record, CancellationToken.None).Within());
        }

        _clock.Set(AskedAt);
        return (app, meeting);
    }

    /// <summary>Every row of the three tables the insights read, as stored.</summary>
    private static async Task<List<IncidentRecord>> RawRowsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PostMortemDbContext>>().CreateDbContextAsync().Within();
        return await db.Incidents.AsNoTracking().Include(i => i.Actions).Include(i => i.ContributingFactors).ToListAsync().Within();
    }

    [Fact]
    public async Task EachChartsNumbersEqualAnIndependentComputationFromTheStoredRows()
    {
        var (app, meeting) = await SeedAsync();
        await using var _ = app;
        var report = await app.Services.GetRequiredService<IncidentInsights>()
            .ReportAsync(Filter(), Today, CancellationToken.None).Within();
        var rows = await RawRowsAsync(app.Services);
        var months = Enumerable.Range(0, 12).Select(i => new DateOnly(2025, 4, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var inPeriod = rows.Where(r => months.Contains(r.IncidentDate.ToString("yyyy-MM", CultureInfo.InvariantCulture))).ToList();
        string MonthOf(IncidentRecord r) => r.IncidentDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        Assert.Equal(months, report.Months);
        Assert.Equal(5, inPeriod.Count); // the worked example and four seeded; one seeded incident is before the period

        // Incidents per month, by type and by severity.
        Assert.Equal(months.Select(m => inPeriod.Count(r => MonthOf(r) == m)), report.Incidents.Total);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 3], report.Incidents.Total);
        foreach (var type in Enum.GetValues<IncidentType>())
        {
            var expected = months.Select(m => (double?)inPeriod.Count(r => MonthOf(r) == m && r.IncidentType == type)).ToList();
            var series = report.Incidents.ByType.SingleOrDefault(s => s.Key == char.ToLowerInvariant(type.ToString()[0]) + type.ToString()[1..]);
            Assert.Equal(inPeriod.Any(r => r.IncidentType == type), series is not null);
            Assert.Equal(expected, series?.Values ?? expected);
        }

        Assert.Equal(inPeriod.Select(r => r.Severity).Distinct().Order().Select(s => s.ToString(CultureInfo.InvariantCulture)), report.Incidents.BySeverity.Select(s => s.Key));
        foreach (var series in report.Incidents.BySeverity)
        {
            Assert.Equal(months.Select(m => (double?)inPeriod.Count(r => MonthOf(r) == m && r.Severity.ToString(CultureInfo.InvariantCulture) == series.Key)), series.Values);
        }

        // Time to detect and to resolve, per incident and the monthly medians.
        static DateTimeOffset? Start(IncidentRecord r) => r.ImpactStartAt ?? r.TriggerAt;
        static double? Span(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t && t >= f ? Math.Round((t - f).TotalMinutes) : null;
        var byId = report.Response.Incidents.ToDictionary(i => i.BoardId);
        Assert.Equal(inPeriod.Select(r => r.BoardId).Order(), byId.Keys.Order());
        foreach (var r in inPeriod)
        {
            Assert.Equal((Span(Start(r), r.DetectedAt), Span(Start(r), r.ResolvedAt)), (byId[r.BoardId].DetectMinutes, byId[r.BoardId].ResolveMinutes));
        }

        // By hand, from the worked example's timeline: impact 12:43 after the change, detected at 16:13, resolved at 18:27.
        Assert.Equal((210.0, 344.0), (byId[meeting.BoardId].DetectMinutes!.Value, byId[meeting.BoardId].ResolveMinutes!.Value));
        Assert.Equal("trigger", report.Response.Incidents.Single(i => i.Title == "Vendor outage").StartedWith);
        Assert.Equal(months.Select(m => MedianOf(inPeriod.Where(r => MonthOf(r) == m).Select(r => Span(Start(r), r.DetectedAt)))), report.Response.MedianDetectMinutes);
        Assert.Equal(months.Select(m => MedianOf(inPeriod.Where(r => MonthOf(r) == m).Select(r => Span(Start(r), r.ResolvedAt)))), report.Response.MedianResolveMinutes);
        Assert.Equal(45.0, report.Response.MedianDetectMinutes[9]); // January: 30 and 60 minutes
        Assert.Equal(MedianOf(inPeriod.Select(r => Span(Start(r), r.DetectedAt))), report.Response.OverallDetectMinutes);

        // Follow-through: each action of each month's incidents in exactly one state, and days from the close to done.
        var actions = inPeriod.SelectMany(r => r.Actions.Select(a => (Month: MonthOf(r), r.ClosedAt, Action: a))).ToList();
        bool Overdue(ActionRecord a) => a.DueDate < Today && a.Status is not (ActionStatus.Done or ActionStatus.WontDo);
        Assert.Equal(months.Select(m => actions.Count(x => x.Month == m && x.Action.Status == ActionStatus.Done)), report.FollowThrough.Done);
        Assert.Equal(months.Select(m => actions.Count(x => x.Month == m && x.Action.Status == ActionStatus.WontDo)), report.FollowThrough.Dropped);
        Assert.Equal(months.Select(m => actions.Count(x => x.Month == m && Overdue(x.Action))), report.FollowThrough.Overdue);
        Assert.Equal(months.Select(m => actions.Count(x => x.Month == m && x.Action.Status is ActionStatus.Open or ActionStatus.InProgress && !Overdue(x.Action))), report.FollowThrough.Open);
        // January: two done, one overdue (due 1 February), one dropped. March: a1 done, a2 (due 13 March) overdue, a3
        // dropped, the runbook's action open.
        Assert.Equal((2, 1, 1, 0), (report.FollowThrough.Done[9], report.FollowThrough.Overdue[9], report.FollowThrough.Dropped[9], report.FollowThrough.Open[9]));
        Assert.Equal((1, 1, 1, 1), (report.FollowThrough.Done[11], report.FollowThrough.Overdue[11], report.FollowThrough.Dropped[11], report.FollowThrough.Open[11]));
        double? DaysToDone(IEnumerable<(string Month, DateTimeOffset? ClosedAt, ActionRecord Action)> xs) =>
            MedianOf(xs.Where(x => x.Action.Status == ActionStatus.Done && x.Action.DoneAt is not null && x.ClosedAt is not null)
                .Select(x => (double?)Math.Max(0, (x.Action.DoneAt!.Value - x.ClosedAt!.Value).TotalDays)), digits: 1);
        Assert.Equal(months.Select(m => DaysToDone(actions.Where(x => x.Month == m))), report.FollowThrough.MedianDaysToDone);
        Assert.Equal(DaysToDone(actions), report.FollowThrough.OverallMedianDaysToDone);
        // a1 was marked done on the 10th at noon, the meeting closed on the 4th after 13:00: just under six days.
        var workedExample = rows.Single(r => r.BoardId == meeting.BoardId);
        Assert.Equal(At(2026, 3, 10, 12), workedExample.Actions.Single(a => a.NoteId == "a1").DoneAt);
        Assert.Equal(6.0, report.FollowThrough.MedianDaysToDone[11]);
        Assert.Equal(7.9, report.FollowThrough.MedianDaysToDone[9]); // 4 days, and 11 days 18 hours

        // Recurring causes: themes of resembling texts (Core's Similarity), found here by a search over all pairs.
        var expectedThemes = Themes(inPeriod);
        Assert.Equal(expectedThemes.Select(t => (t.First, t.Incidents)), report.Causes.Select(t => (t.Text, t.Incidents)));
        Assert.Equal(
            [("No canary stage for checkout deploys", 2), ("Alert on payment error rate was missing", 2)],
            report.Causes.Select(t => (t.Text, t.Incidents)));
        Assert.Equal([(2, 0), (0, 2)], report.Causes.Select(t => (t.RootCauses, t.ContributingFactors)));
        Assert.Equal(["Alert", "payment", "error", "rate", "missing"], report.Causes[1].SharedWords); // as first written
    }

    [Fact]
    public async Task TheTypeFilterAndThePeriodNarrowEveryChart()
    {
        var (app, _) = await SeedAsync();
        await using var __ = app;
        var insights = app.Services.GetRequiredService<IncidentInsights>();

        var deployments = await insights.ReportAsync(Filter(type: "deployment"), Today, CancellationToken.None).Within();
        var january = await insights.ReportAsync(Filter("2026-01", "2026-01"), Today, CancellationToken.None).Within();
        var longAgo = await insights.ReportAsync(Filter("2025-01", "2025-03"), Today, CancellationToken.None).Within();

        Assert.Equal(["deployment"], deployments.Incidents.ByType.Select(s => s.Key));
        Assert.Equal(2, deployments.Incidents.Total.Sum());
        Assert.Equal(["No canary stage for checkout deploys"], deployments.Causes.Select(c => c.Text));
        Assert.Equal(["2026-01"], january.Months);
        Assert.Equal([2], january.Incidents.Total);
        Assert.Equal([1], january.FollowThrough.Overdue);
        Assert.Equal(["2025-01", "2025-02", "2025-03"], longAgo.Months);
        Assert.Equal([0, 0, 1], longAgo.Incidents.Total);
        Assert.Equal(600.0, longAgo.Response.OverallDetectMinutes); // impact at 10:00, detected at 20:00
    }

    [Fact]
    public async Task WithoutIncidentsOrKeyMomentsNothingIsMeasured()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var insights = data.Get<IncidentInsights>();

        var empty = await insights.ReportAsync(Filter(), Today, CancellationToken.None).Within();

        Assert.Equal(12, empty.Months.Count);
        Assert.All(empty.Incidents.Total, n => Assert.Equal(0, n));
        Assert.Empty(empty.Incidents.ByType);
        Assert.Empty(empty.Response.Incidents);
        Assert.All(empty.Response.MedianDetectMinutes, Assert.Null);
        Assert.Null(empty.Response.OverallResolveMinutes);
        Assert.Empty(empty.Causes);
        Assert.Null(empty.FollowThrough.OverallMedianDaysToDone);

        var untimed = IncidentLogTests.Record("No timeline", At(2026, 2, 3), actions: [("Done long ago", ActionStatus.Done, null)]);
        untimed.ClosedAt = At(2026, 2, 4);
        var contradictory = IncidentLogTests.Record("Detected before it began", At(2026, 2, 9));
        (contradictory.ImpactStartAt, contradictory.DetectedAt, contradictory.ResolvedAt) = (At(2026, 2, 9, 12), At(2026, 2, 9, 11), At(2026, 2, 9, 13));
        foreach (var record in new[] { untimed, contradictory })
        {
            await data.Get<IncidentRecorder>().WriteAsync(record, CancellationToken.None).Within();
        }

        var report = await insights.ReportAsync(Filter(), Today, CancellationToken.None).Within();

        var times = report.Response.Incidents.ToDictionary(i => i.Title);
        Assert.Equal((null, null, null), (times["No timeline"].StartedWith, times["No timeline"].DetectMinutes, times["No timeline"].ResolveMinutes));
        Assert.Equal(("impactStart", null, 60.0), (times["Detected before it began"].StartedWith, times["Detected before it began"].DetectMinutes, times["Detected before it began"].ResolveMinutes));
        Assert.Null(report.Response.MedianDetectMinutes[10]);
        Assert.Equal(60.0, report.Response.MedianResolveMinutes[10]);
        // Done before DoneAt was recorded: counted as done, not in the median, and said so.
        Assert.Equal((1, (double?)null, 1), (report.FollowThrough.Done[10], report.FollowThrough.MedianDaysToDone[10], report.FollowThrough.DoneWithoutTime));
    }

    [Fact]
    public async Task EachChartsCsvListsItsNumbersAndNeutralisesFormulas()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var recorder = data.Get<IncidentRecorder>();
        foreach (var (title, day) in new[] { ("=1+1 first", 3), ("Second", 10) })
        {
            var record = IncidentLogTests.Record(title, At(2026, 2, day), IncidentType.External, rootCause: "=HYPERLINK(\"x\") cache stampede on cold start",
                actions: [("Warm the cache", ActionStatus.Done, new DateOnly(2026, 2, 20))]);
            (record.TriggerAt, record.DetectedAt) = (At(2026, 2, day), At(2026, 2, day, 10, 45));
            record.ClosedAt = At(2026, 2, day + 1);
            record.Actions[0].DoneAt = At(2026, 2, day + 3);
            await recorder.WriteAsync(record, CancellationToken.None).Within();
        }

        var report = await data.Get<IncidentInsights>().ReportAsync(Filter("2026-01", "2026-03"), Today, CancellationToken.None).Within();

        Assert.Equal(
            "month,total,external\r\n2026-01,0,0\r\n2026-02,2,2\r\n2026-03,0,0\r\n",
            InsightsCsv.Write("incidents-by-type", report));
        Assert.Equal(
            "month,total,severity 2\r\n2026-01,0,0\r\n2026-02,2,2\r\n2026-03,0,0\r\n",
            InsightsCsv.Write("incidents-by-severity", report));
        Assert.Equal(
            "month,done,open,overdue,dropped,median days to done\r\n2026-01,0,0,0,0,\r\n2026-02,2,0,0,0,2\r\n2026-03,0,0,0,0,\r\n",
            InsightsCsv.Write("follow-through", report));
        var response = InsightsCsv.Write("response-times", report)!.Split("\r\n");
        Assert.Equal("date,month,title,measured from,minutes to detect,minutes to resolve,board id", response[0]);
        Assert.StartsWith("2026-02-03,2026-02,'=1+1 first,trigger,45,,", response[1], StringComparison.Ordinal);
        var causes = InsightsCsv.Write("recurring-causes", report)!.Split("\r\n");
        Assert.Equal("theme,incidents,root causes,contributing factors,shared words,incidents named", causes[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\") cache stampede on cold start\",2,2,0,", causes[1], StringComparison.Ordinal);
        Assert.Null(InsightsCsv.Write("pie", report));
    }

    [Theory]
    [InlineData("2026/01", null, null, "from")]
    [InlineData(null, "March", null, "to")]
    [InlineData("2026-03", "2026-01", null, "from")]
    [InlineData("2020-01", "2026-01", null, "to")]
    [InlineData(null, null, "outage", "type")]
    public void BadInsightsFiltersAreRefusedNamingTheParameter(string? from, string? to, string? type, string parameter)
    {
        Assert.False(InsightsFilter.TryParse(from, to, type, Today, out _, out var error));
        Assert.Equal(parameter, error!.Parameter);
    }

    [Fact]
    public void WithoutAPeriodTheLastTwelveMonthsUpToTodaysAreShown()
    {
        Assert.True(InsightsFilter.TryParse(null, null, " External ", Today, out var filter, out _));
        Assert.Equal(new InsightsFilter(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 1), IncidentType.External), filter);
        Assert.True(InsightsFilter.TryParse(null, "2025-06", null, Today, out var ending, out _));
        Assert.Equal((new DateOnly(2024, 7, 1), new DateOnly(2025, 6, 1)), (ending.FromMonth, ending.ToMonth));
        Assert.True(InsightsFilter.TryParse("2026-02", null, null, Today, out var starting, out _));
        Assert.Equal(["2026-02", "2026-03"], starting.Months().Select(InsightsFilter.Label));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void TheInsightsQueryTranslatesForEachProvider(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<PostMortemDbContext>();
        Internal.DatabaseSetup.Configure(builder, new DatabaseOptions
        {
            Provider = provider.ToString(),
            ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=never-opened.db" : "Server=never-opened;Database=PostMortem;TrustServerCertificate=True",
        });
        using var db = new PostMortemDbContext(builder.Options);

        var sql = InsightsRows.IncidentsQuery(db, Filter(type: "process")).ToQueryString();

        Assert.Contains("IncidentDate", sql, StringComparison.Ordinal);
        Assert.Contains("DetectedAt", sql, StringComparison.Ordinal);
    }

    private static InsightsFilter Filter(string? from = null, string? to = null, string? type = null)
    {
        Assert.True(InsightsFilter.TryParse(from, to, type, Today, out var filter, out var error), error?.Message);
        return filter;
    }

    private static double? MedianOf(IEnumerable<double?> values, int digits = 1)
    {
        var known = values.OfType<double>().OrderBy(v => v).ToArray();
        if (known.Length == 0)
        {
            return null;
        }

        var median = known.Length % 2 == 1 ? known[known.Length / 2] : (known[known.Length / 2 - 1] + known[known.Length / 2]) / 2;
        return Math.Round(median, digits, MidpointRounding.AwayFromZero);
    }

    /// <summary>Connected groups of resembling cause texts, by breadth-first search; named by their earliest text (by
    /// incident time, a root cause before its factors) and counted by distinct incidents; only those of more than one
    /// incident, most incidents first, then the earliest.</summary>
    private static List<(string First, int Incidents)> Themes(IEnumerable<IncidentRecord> incidents)
    {
        var texts = incidents.OrderBy(i => i.IncidentAt).ThenBy(i => i.BoardId, StringComparer.Ordinal)
            .SelectMany(i => new[] { i.RootCause }.Concat(i.ContributingFactors.OrderBy(f => f.Position).Select(f => f.Text))
                .Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => (i.BoardId, Text: t)))
            .ToList();
        var seen = new bool[texts.Count];
        var themes = new List<(string First, int Incidents, int Index)>();
        for (var start = 0; start < texts.Count; start++)
        {
            if (seen[start])
            {
                continue;
            }

            var members = new List<int> { start };
            seen[start] = true;
            for (var k = 0; k < members.Count; k++)
            {
                for (var other = 0; other < texts.Count; other++)
                {
                    if (!seen[other] && Similarity.IsRecurring(Similarity.Compare(texts[members[k]].Text, texts[other].Text)))
                    {
                        seen[other] = true;
                        members.Add(other);
                    }
                }
            }

            var ids = members.Select(m => texts[m].BoardId).Distinct().Count();
            if (ids > 1)
            {
                themes.Add((texts[members.Min()].Text, ids, members.Min()));
            }
        }

        return [.. themes.OrderByDescending(t => t.Incidents).ThenBy(t => t.Index).Select(t => (t.First, t.Incidents))];
    }
}
