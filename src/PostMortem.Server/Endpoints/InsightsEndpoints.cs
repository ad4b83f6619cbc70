using System.Text;
using PostMortem.Core.Protocol;
using PostMortem.Data.Records.Insights;
using PostMortem.Server.Auth;
using PostMortem.Web.Data;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// Each insights chart's numbers as CSV, at /insights/{chart}.csv beside the page that draws them (the page links
/// them with its own filters). Incident data: the team credential, as for the incident log's CSV.
/// </summary>
internal static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/insights/{chart}.csv", CsvAsync)
            .RequireAuthorization(TeamAccessHandler.Policy)
            .WithTags("Incident insights")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("One insights chart's numbers as CSV (from, to: yyyy-MM; type).");
        return app;
    }

    private static async Task<IResult> CsvAsync(
        string chart, string? from, string? to, string? type, IInsightsPages pages, CancellationToken cancellationToken)
    {
        if (!InsightsCsv.IsChart(chart))
        {
            return Problems.Create(StatusCodes.Status404NotFound, IncidentLogCodes.ChartNotFound,
                $"There is no chart '{chart}'; the charts are {string.Join(", ", InsightsCsv.Charts)}.");
        }

        var report = await pages.ReportAsync(new InsightsQuery(from, to, type), cancellationToken);
        return report.Value is { } value
            ? TypedResults.File(Encoding.UTF8.GetBytes(InsightsCsv.Write(chart, value)!), Data.Records.IncidentCsv.ContentType, $"insights-{chart}-{value.From}-to-{value.To}.csv")
            : Problems.From(report.Error!);
    }
}
