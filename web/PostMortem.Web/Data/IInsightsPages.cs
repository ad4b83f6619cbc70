using PostMortem.Core.Protocol;

namespace PostMortem.Web.Data;

/// <summary>The insights' filters as the query string carries them: <c>from</c> and <c>to</c> months (yyyy-MM, inclusive)
/// and the incident <c>type</c>; all optional (the last 12 months, every type).</summary>
public sealed record InsightsQuery(string? From = null, string? To = null, string? Type = null);

/// <summary>
/// What the server-rendered /insights page needs: the report the CSVs under /insights/{chart}.csv are written from
/// too. Access is the incident log's (<see cref="IIncidentPages.AccessRefusal"/>).
/// </summary>
public interface IInsightsPages
{
    Task<PageResult<InsightsReport>> ReportAsync(InsightsQuery query, CancellationToken cancellationToken);
}
