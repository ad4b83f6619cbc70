using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using PostMortem.Data.Records;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Pages;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The board's HTTP API (docs/PROTOCOL.md, "HTTP"). Thin: each handler checks a secret, turns the request into
/// a command through the log, and reports Core's outcome; create, read, write-up and sign-off are
/// <see cref="BoardPages"/>'s, which the server-rendered pages call too.
/// </summary>
internal static class BoardEndpoints
{
    public const string WritePolicy = "board-writes";
    public const string JoinPolicy = "board-joins";


    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        var boards = app.MapGroup("/api/boards").WithTags("Boards");
        boards.MapPost("", CreateAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Create a post-mortem board; returns its secrets once and the facilitator's token.");
        boards.MapPost("{boardId}/join", JoinAsync).RequireRateLimiting(JoinPolicy)
            .WithSummary("Join with the join code, a display name and optionally a role in the incident; returns a participant token.");
        boards.MapPost("{boardId}/facilitator", ReclaimAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Take the facilitator role back with the facilitator secret, from any browser.");
        boards.MapGet("{boardId}/read", ReadAsync)
            .Produces<BoardView>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Read-only view of the board with the read key (pre-read before the meeting, write-up after).");
        boards.MapGet("{boardId}/writeup.md", WriteUpMarkdownAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .WithSummary("The one-page write-up as Markdown (roles=1 replaces names with roles).");
        boards.MapGet("{boardId}/writeup.json", WriteUpJsonAsync)
            .Produces<WriteUpModel>(StatusCodes.Status200OK, "application/json")
            .WithSummary("The one-page write-up as JSON (roles=1 replaces names with roles).");
        boards.MapPost("{boardId}/signoff", SignOffAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Sign off on the actions by name with the read key.");
        return app;
    }

    private static async Task<Results<Created<CreateBoardResponse>, ProblemHttpResult>> CreateAsync(
        CreateBoardRequest? request, BoardPages pages, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.BadRequest("A JSON body is required.");
        }

        var created = await pages.CreateAsync(request, http.User.HasClaim(c => c.Type == TeamAccessHandler.ClaimType), cancellationToken);
        return created.Value is { } response
            ? TypedResults.Created($"/api/boards/{response.BoardId}/read", response)
            : Problems.From(created.Error!);
    }

    private static async Task<Results<Ok<ParticipantTokenResponse>, ProblemHttpResult>> JoinAsync(
        string boardId, JoinBoardRequest? request, BoardRegistry registry, BoardCommands commands, ParticipantTokens tokens,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request?.JoinCode is null || request.Name is null)
        {
            return Problems.BadRequest("joinCode and name are required.");
        }

        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        if (!host.Read(board => SecretCodes.Matches(request.JoinCode, board.State.Secrets.JoinCodeHash)))
        {
            ServerLog.HttpRefused(loggers.CreateLogger(typeof(BoardEndpoints)), boardId, RejectionCodes.Unauthorized);
            return Problems.Unauthorized("The join code is not right for this board.");
        }

        var participantId = SecretCodes.NewId();
        var outcome = await AppendAsync(commands, host, participantId, new Join(request.Name, request.JobRole), cancellationToken);
        if (outcome is { IsAccepted: false } or null)
        {
            return outcome is null ? Problems.Unavailable() : Problems.FromRejection(outcome.Code, outcome.Message);
        }

        ServerLog.ParticipantJoined(loggers.CreateLogger(typeof(BoardEndpoints)), boardId, participantId);
        return TypedResults.Ok(new ParticipantTokenResponse(boardId, participantId, tokens.Issue(boardId, participantId, host.Read(b => b.Seq))));
    }

    /// <summary>
    /// The facilitator secret is the board's highest authority: its holder becomes the board's creator again
    /// (rejoining if they had left) and, if the role was handed over meanwhile, the role is handed back —
    /// one reclaimFacilitator entry by the creator, which the server issues once the secret matched.
    /// </summary>
    private static async Task<Results<Ok<ParticipantTokenResponse>, ProblemHttpResult>> ReclaimAsync(
        string boardId, ReclaimRequest? request, BoardRegistry registry, BoardCommands commands, ParticipantTokens tokens,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request?.FacilitatorSecret is null)
        {
            return Problems.BadRequest("facilitatorSecret is required.");
        }

        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        var logger = loggers.CreateLogger(typeof(BoardEndpoints));
        // Boards made before the read key (or the join code) were derived have an unrelated one: they get none back.
        var presentable = request.FacilitatorSecret.Length <= SecretCodes.MaxPresentedLength;
        var readKey = presentable ? SecretCodes.ReadKeyFor(request.FacilitatorSecret) : null;
        var joinCode = presentable ? SecretCodes.JoinCodeFor(request.FacilitatorSecret) : null;
        var state = host.Read(board => (
            Allowed: SecretCodes.Matches(request.FacilitatorSecret, board.State.Secrets.FacilitatorSecretHash),
            ReadKey: SecretCodes.Matches(readKey, board.State.Secrets.ReadKeyHash) ? readKey : null,
            JoinCode: SecretCodes.Matches(joinCode, board.State.Secrets.JoinCodeHash) ? joinCode : null,
            board.State.Meta.CreatorId));
        if (!state.Allowed)
        {
            ServerLog.HttpRefused(logger, boardId, RejectionCodes.Unauthorized);
            return Problems.Unauthorized("The facilitator secret is not right for this board.");
        }

        // One entry: the creator rejoins if they had left and takes the role back from whoever holds it.
        var reclaimed = await AppendAsync(commands, host, state.CreatorId, new ReclaimFacilitator(), cancellationToken);
        if (reclaimed is not { IsAccepted: true })
        {
            return reclaimed is null ? Problems.Unavailable() : Problems.FromRejection(reclaimed.Code, reclaimed.Message);
        }

        ServerLog.FacilitatorReclaimed(logger, boardId);
        return TypedResults.Ok(new ParticipantTokenResponse(boardId, state.CreatorId, tokens.Issue(boardId, state.CreatorId, host.Read(b => b.Seq)), state.ReadKey, state.JoinCode));
    }

    private static async Task<IResult> ReadAsync(string boardId, string? key, BoardPages pages, CancellationToken cancellationToken)
    {
        // Encoded under the replica's lock: the view must not change while it is written out.
        var view = await pages.WithReadKeyAsync(boardId, key,
            board => JsonSerializer.SerializeToUtf8Bytes(board.ViewFor(BoardPages.ReaderViewerId), CoreJsonContext.Default.BoardView), cancellationToken);
        return view.Value is { } bytes ? TypedResults.Bytes(bytes, "application/json") : Problems.From(view.Error!);
    }

    /// <summary>Saved under Core's name for the write-up (incident date and title), so downloads do not all land as "writeup.md".</summary>
    private static async Task<IResult> WriteUpMarkdownAsync(string boardId, string? key, string? roles, BoardPages pages, HttpContext http, CancellationToken cancellationToken)
    {
        if (PageLinks.ParseRoles(roles) is not { } namesAsRoles)
        {
            return BadRoles();
        }

        var markdown = await pages.WithReadKeyAsync(boardId, key, board =>
        {
            var model = board.WriteUp(namesAsRoles);
            return new ExportFile(Encoding.UTF8.GetBytes(WriteUpMarkdown.Render(model)), model.FileName("md"));
        }, cancellationToken);
        if (markdown.Value is not { } file)
        {
            return Problems.From(markdown.Error!);
        }

        Download(http, file.Name);
        return TypedResults.Bytes(file.Bytes, "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> WriteUpJsonAsync(string boardId, string? key, string? roles, BoardPages pages, HttpContext http, CancellationToken cancellationToken)
    {
        if (PageLinks.ParseRoles(roles) is not { } namesAsRoles)
        {
            return BadRoles();
        }

        var json = await pages.WithReadKeyAsync(boardId, key, board =>
        {
            var model = board.WriteUp(namesAsRoles);
            return new ExportFile(JsonSerializer.SerializeToUtf8Bytes(model, CoreJsonContext.Default.WriteUpModel), model.FileName("json"));
        }, cancellationToken);
        if (json.Value is not { } file)
        {
            return Problems.From(json.Error!);
        }

        Download(http, file.Name);
        return TypedResults.Bytes(file.Bytes, "application/json");
    }

    private static ProblemHttpResult BadRoles() =>
        Problems.BadRequest($"{PageLinks.RolesQuery} is 1 to replace names by roles, or 0 to show names.");

    /// <summary>Saved under Core's name for the write-up (incident date and title; only [a-z0-9-.], so no quoting issue).</summary>
    private static void Download(HttpContext http, string fileName) =>
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";

    private static async Task<Results<Ok<SignOffResponse>, ProblemHttpResult>> SignOffAsync(
        string boardId, SignOffRequest? request, BoardPages pages, CancellationToken cancellationToken)
    {
        var signed = await pages.SignOffAsync(boardId, request?.Key, request?.Name, cancellationToken);
        return signed.Value is { } response ? TypedResults.Ok(response) : Problems.From(signed.Error!);
    }

    private static async Task<Outcome?> AppendAsync(BoardCommands commands, BoardHost host, string actorId, BoardCommand command, CancellationToken cancellationToken) =>
        (await BoardPages.RunAsync(commands, host, actorId, command, cancellationToken))?.Outcome;

    private sealed record ExportFile(byte[] Bytes, string Name);
}
