using PostMortem.Core;
using PostMortem.Server.Endpoints;
using PostMortem.Web.Data;

namespace PostMortem.Server.Pages;

/// <summary>The errors the pages and the HTTP API share (the API sends them as ProblemDetails through <see cref="Problems.From"/>).</summary>
internal static class PageErrors
{
    public static PageError BadRequest(string detail) => new(StatusCodes.Status400BadRequest, ServerCodes.InvalidRequest, detail);

    public static PageError BoardNotFound() => new(StatusCodes.Status404NotFound, RejectionCodes.BoardNotFound, "There is no such board.");

    public static PageError WrongReadKey() => new(StatusCodes.Status403Forbidden, RejectionCodes.Unauthorized, "The read key is not right for this board.");

    public static PageError Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ServerCodes.Unavailable, "The board did not answer in time; retry.");

    /// <summary>A rejection by the reducer, with a status that says what kind of problem it is.</summary>
    public static PageError FromRejection(string? code, string? message) =>
        new(Problems.StatusFor(code), code ?? ServerCodes.InternalError, message ?? "The board refused the request.");
}
