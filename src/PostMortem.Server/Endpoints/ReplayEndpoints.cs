using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PostMortem.Web.Client.Shared;
using PostMortem.Web.Data;
using PostMortem.Web.Shared.Replay;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The session replay's frame fragment (docs/PROTOCOL.md, "Session replay"): the HTML of one frame, the same component
/// the page renders, for the page's script to swap in while scrubbing. Errors are ProblemDetails with a code.
/// </summary>
internal static class ReplayEndpoints
{
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/b/{boardId}/replay/frame", FrameAsync)
            .WithTags("Boards")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .WithSummary("One frame of the session replay as HTML (read key; at = seq; roles=1 replaces names by roles).");
        return app;
    }

    private static async Task<IResult> FrameAsync(
        string boardId, string? key, string? at, string? roles, IReplayPages replays, CancellationToken cancellationToken)
    {
        long? seq = null;
        if (!string.IsNullOrEmpty(at))
        {
            if (!long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Problems.BadRequest("at must be a sequence number of the board (a whole number from 1).");
            }

            seq = parsed;
        }

        if (string.IsNullOrEmpty(key))
        {
            return Problems.BadRequest("key is required: the board's read key, as in the replay link.");
        }

        if (PageLinks.ParseRoles(roles) is not { } namesAsRoles)
        {
            return Problems.BadRequest($"{PageLinks.RolesQuery} is 1 to replace names by roles, or 0 to show names.");
        }

        var result = await replays.ReplayAsync(boardId, key, seq, namesAsRoles, cancellationToken);
        if (result.Value is not { } model)
        {
            return Problems.From(result.Error!);
        }

        return new RazorComponentResult<ReplayFrameView>(new Dictionary<string, object?> { [nameof(ReplayFrameView.Frame)] = model.Frame });
    }
}
