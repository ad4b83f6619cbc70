using Microsoft.AspNetCore.Http.HttpResults;
using PostMortem.Core;
using PostMortem.Server.Boards;
using PostMortem.Server.Pages;
using PostMortem.Web.Data;

namespace PostMortem.Server.Endpoints;

/// <summary>Every HTTP error is a ProblemDetails with a <c>code</c> extension from the protocol's code tables.</summary>
internal static class Problems
{
    public const string CodeKey = "code";

    public static ProblemHttpResult Create(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), extensions: new Dictionary<string, object?> { [CodeKey] = code });

    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, ServerCodes.InvalidRequest, detail);

    public static ProblemHttpResult BoardNotFound() => From(PageErrors.BoardNotFound());

    /// <summary>An error of the code the pages share (Pages/), as the API sends it.</summary>
    public static ProblemHttpResult From(PageError error) => Create(error.Status, error.Code, error.Message);

    public static ProblemHttpResult Forbidden(string code, string detail) => Create(StatusCodes.Status403Forbidden, code, detail);

    public static ProblemHttpResult Unauthorized(string detail) => Create(StatusCodes.Status403Forbidden, RejectionCodes.Unauthorized, detail);

    public static ProblemHttpResult Unavailable() => From(PageErrors.Unavailable());

    /// <summary>A rejection by the reducer, with a status that says what kind of problem it is.</summary>
    public static ProblemHttpResult FromRejection(string? code, string? message) => From(PageErrors.FromRejection(code, message));

    public static int StatusFor(string? code) => code switch
    {
        RejectionCodes.BoardNotFound => StatusCodes.Status404NotFound,
        ServerCodes.SignInRequired => StatusCodes.Status401Unauthorized,
        RejectionCodes.Unauthorized or RejectionCodes.ParticipantRemoved or RejectionCodes.NotFacilitator
            or RejectionCodes.NotParticipant or RejectionCodes.NotAuthor or RejectionCodes.NotOwner
            or ServerCodes.OriginNotAllowed => StatusCodes.Status403Forbidden,
        RejectionCodes.BoardAlreadyCreated or RejectionCodes.IdTaken or RejectionCodes.BoardLocked or RejectionCodes.PhaseLocked
            or RejectionCodes.WrongPhase or RejectionCodes.VotesAlreadyRevealed or RejectionCodes.AlreadyFacilitator
            or RejectionCodes.TooMany => StatusCodes.Status409Conflict,
        RejectionCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        RejectionCodes.MessageTooLarge or ServerCodes.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        ServerCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ServerCodes.InternalError => StatusCodes.Status500InternalServerError,
        ServerCodes.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The code for a problem the framework produced itself (bad JSON body, unknown route, ...).</summary>
    public static string CodeForStatus(int? status) => status switch
    {
        StatusCodes.Status404NotFound => ServerCodes.NotFound,
        StatusCodes.Status401Unauthorized => ServerCodes.SignInRequired,
        StatusCodes.Status413PayloadTooLarge => ServerCodes.RequestTooLarge,
        StatusCodes.Status429TooManyRequests => RejectionCodes.RateLimited,
        StatusCodes.Status403Forbidden => RejectionCodes.Unauthorized,
        StatusCodes.Status503ServiceUnavailable => ServerCodes.Unavailable,
        >= 500 => ServerCodes.InternalError,
        _ => ServerCodes.InvalidRequest,
    };

    /// <summary>Seconds a client waits before retrying a 503 (storage or the board log down; R-codes "unavailable").</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Every 503 carries Retry-After, whichever part of the pipeline produced it.</summary>
    public static IApplicationBuilder UseRetryAfterWhenUnavailable(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = ((HttpContext)state).Response;
                if (response.StatusCode == StatusCodes.Status503ServiceUnavailable && !response.Headers.ContainsKey("Retry-After"))
                {
                    response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static string Title(string code) => code.Replace('_', ' ') switch
    {
        var words when words.Length > 0 => char.ToUpperInvariant(words[0]) + words[1..],
        _ => "Error",
    };
}
