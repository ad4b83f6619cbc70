using PostMortem.Core.Protocol;
using PostMortem.Data.Records.Insights;
using PostMortem.Data.Storage;
using PostMortem.Web.Data;

namespace PostMortem.Server.Pages;

/// <summary>
/// The incident insights for the /insights page and its CSV endpoints (Endpoints/InsightsEndpoints): PostMortem.Data's
/// <see cref="IncidentInsights"/> with today's date from the server's clock. Without a database there are none.
/// </summary>
internal sealed class InsightsPages(TimeProvider clock, IncidentInsights? insights = null) : IInsightsPages
{
    public async Task<PageResult<InsightsReport>> ReportAsync(InsightsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!InsightsFilter.TryParse(query.From, query.To, query.Type, today, out var filter, out var error))
        {
            return new PageError(StatusCodes.Status400BadRequest, IncidentLogCodes.InvalidFilter, $"{error!.Parameter}: {error.Message}");
        }

        if (insights is null)
        {
            return new PageError(StatusCodes.Status503ServiceUnavailable, ServerCodes.Unavailable, "This server keeps no incident log (it runs without a database).");
        }

        try
        {
            return PageResult<InsightsReport>.Ok(await insights.ReportAsync(filter, today, cancellationToken));
        }
        catch (StorageUnavailableException)
        {
            return new PageError(StatusCodes.Status503ServiceUnavailable, ServerCodes.Unavailable, "The incident log's storage is not answering; try again in a moment.");
        }
    }
}
