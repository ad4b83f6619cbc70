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

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The board's HTTP API (docs/PROTOCOL.md, "HTTP"). Thin: each handler checks a secret, turns the request into
/// a command through the log, and reports Core's outcome.
/// </summary>
internal static class BoardEndpoints
{
    public const string WritePolicy = "board-writes";
    public const string JoinPolicy = "board-joins";

    /// <summary>Viewer id for read-key holders: not a participant id (those are 32 hex digits), so Core sees a reader.</summary>
    private const string ReaderViewerId = "reader";
    private const string PreWorkPrefix = "pre";

    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        var boards = app.MapGroup("/api/boards").WithTags("Boards");
        boards.MapPost("", CreateAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Create a post-mortem board; returns its secrets once and the facilitator's token.");
        boards.MapPost("{boardId}/join", JoinAsync).RequireRateLimiting(JoinPolicy)
            .WithSummary("Join with the join code and a display name; returns a participant token.");
        boards.MapPost("{boardId}/facilitator", ReclaimAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Take the facilitator role back with the facilitator secret, from any browser.");
        boards.MapGet("{boardId}/read", ReadAsync)
            .Produces<BoardView>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Read-only view of the board with the read key (pre-read before the meeting, write-up after).");
        boards.MapGet("{boardId}/writeup.md", WriteUpMarkdownAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .WithSummary("The one-page write-up as Markdown (roles=true replaces names with roles).");
        boards.MapGet("{boardId}/writeup.json", WriteUpJsonAsync)
            .Produces<WriteUpModel>(StatusCodes.Status200OK, "application/json")
            .WithSummary("The one-page write-up as JSON.");
        boards.MapPost("{boardId}/signoff", SignOffAsync).RequireRateLimiting(WritePolicy)
            .WithSummary("Sign off on the actions by name with the read key.");
        return app;
    }

    private static async Task<Results<Created<CreateBoardResponse>, ProblemHttpResult>> CreateAsync(
        CreateBoardRequest? request, BoardRegistry registry, BoardCommands commands, IBoardLog log, ParticipantTokens tokens,
        IIncidentHistory history, TimeProvider clock, ILoggerFactory loggers, BoardMetrics metrics, HttpContext http, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.BadRequest("A JSON body is required.");
        }

        var missing = Missing(
            (request.Title is null, "title"),
            (request.IncidentAt is null, "incidentAt"),
            (request.IncidentType is null, "incidentType"),
            (request.Severity is null, "severity"),
            (request.FacilitatorName is null, "facilitatorName"));
        if (missing is not null)
        {
            return Problems.BadRequest(missing);
        }

        var boardId = SecretCodes.NewId();
        var facilitatorId = SecretCodes.NewId();
        var joinCode = SecretCodes.New();
        var facilitatorSecret = SecretCodes.New();
        var readKey = SecretCodes.ReadKeyFor(facilitatorSecret);
        var create = BoardDefaults.NewBoard(
            request.Title!,
            request.IncidentAt!.Value,
            request.IncidentType!.Value,
            request.Severity!.Value,
            request.FacilitatorName!,
            request.AgendaPreset,
            request.CustomAgenda,
            request.TimeZone,
            request.PrimeDirective,
            new BoardSecrets
            {
                JoinCodeHash = SecretCodes.Hash(joinCode),
                FacilitatorSecretHash = SecretCodes.Hash(facilitatorSecret),
                ReadKeyHash = SecretCodes.Hash(readKey),
            });

        // Decided before anything is written, so a bad request leaves no half-made board in the log. The board
        // is not hosted yet (its log is empty), so the decision is taken on an empty replica.
        var decision = Board.Empty(boardId).Decide(facilitatorId, "create", create, clock.GetUtcNow());
        if (decision.Kind != DecisionKind.Append)
        {
            return Problems.FromRejection(decision.Code, decision.Message);
        }

        var entry = await log.AppendAsync(boardId, new PendingEntry(facilitatorId, "create", create), CancellationToken.None);
        metrics.Appended();
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.FromRejection(ServerCodes.InternalError, "The board was written but could not be loaded.");
        }

        var created = await host.WaitForAppliedAsync(entry.Seq, TimeSpan.FromSeconds(10), cancellationToken);
        if (created is { Outcome.IsAccepted: false })
        {
            return Problems.FromRejection(created.Outcome.Code, created.Outcome.Message);
        }

        ServerLog.BoardCreated(loggers.CreateLogger(typeof(BoardEndpoints)), boardId);

        IReadOnlyList<ImportLineError>? importErrors = null;
        ErrorBody? preWorkRejected = null;
        if (!string.IsNullOrWhiteSpace(request.PreWork))
        {
            var (imported, _) = await commands.RunAsync(host, new PendingEntry(facilitatorId, "prework", new ImportTimeline(request.PreWork, PreWorkPrefix)), cancellationToken);
            importErrors = imported.ImportErrors;
            if (!imported.IsAccepted)
            {
                preWorkRejected = new ErrorBody(imported.Code ?? ServerCodes.InternalError, imported.Message ?? "The pre-work was refused.");
            }
        }

        // Earlier incidents' actions are incident data: only a team member creating the board gets them.
        var previous = http.User.HasClaim(c => c.Type == TeamAccessHandler.ClaimType)
            ? await history.PreviousOpenActionsAsync(boardId, cancellationToken)
            : [];
        var response = new CreateBoardResponse(
            boardId, joinCode, facilitatorSecret, readKey, facilitatorId, tokens.Issue(boardId, facilitatorId, host.Read(b => b.Seq)),
            importErrors, preWorkRejected, previous.Count > 0 ? previous : null);
        return TypedResults.Created($"/api/boards/{boardId}/read", response);
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
        var outcome = await AppendAsync(commands, host, participantId, new Join(request.Name), cancellationToken);
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
        // Boards made before read keys were derived have an unrelated key: they get none back.
        var readKey = request.FacilitatorSecret.Length <= SecretCodes.MaxPresentedLength ? SecretCodes.ReadKeyFor(request.FacilitatorSecret) : null;
        var state = host.Read(board => (
            Allowed: SecretCodes.Matches(request.FacilitatorSecret, board.State.Secrets.FacilitatorSecretHash),
            ReadKey: SecretCodes.Matches(readKey, board.State.Secrets.ReadKeyHash) ? readKey : null,
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
        return TypedResults.Ok(new ParticipantTokenResponse(boardId, state.CreatorId, tokens.Issue(boardId, state.CreatorId, host.Read(b => b.Seq)), state.ReadKey));
    }

    private static async Task<IResult> ReadAsync(string boardId, string? key, BoardRegistry registry, CancellationToken cancellationToken)
    {
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        // Encoded under the replica's lock: the view must not change while it is written out.
        var view = host.Read(board => SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash)
            ? JsonSerializer.SerializeToUtf8Bytes(board.ViewFor(ReaderViewerId), CoreJsonContext.Default.BoardView)
            : null);
        return view is null
            ? Problems.Unauthorized("The read key is not right for this board.")
            : TypedResults.Bytes(view, "application/json");
    }

    private static async Task<IResult> WriteUpMarkdownAsync(string boardId, string? key, bool? roles, BoardRegistry registry, HttpContext http, CancellationToken cancellationToken)
    {
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        var export = host.Read(board =>
        {
            if (!SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash))
            {
                return default((string Text, string Name)?);
            }

            var writeUp = board.WriteUp(roles ?? false);
            return (WriteUpMarkdown.Render(writeUp), writeUp.FileName("md"));
        });
        if (export is not { } found)
        {
            return Problems.Unauthorized("The read key is not right for this board.");
        }

        Download(http, found.Name);
        return TypedResults.Text(found.Text, "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> WriteUpJsonAsync(string boardId, string? key, bool? roles, BoardRegistry registry, HttpContext http, CancellationToken cancellationToken)
    {
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        var export = host.Read(board =>
        {
            if (!SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash))
            {
                return default((byte[] Json, string Name)?);
            }

            var writeUp = board.WriteUp(roles ?? false);
            return (JsonSerializer.SerializeToUtf8Bytes(writeUp, CoreJsonContext.Default.WriteUpModel), writeUp.FileName("json"));
        });
        if (export is not { } found)
        {
            return Problems.Unauthorized("The read key is not right for this board.");
        }

        Download(http, found.Name);
        return TypedResults.Bytes(found.Json, "application/json");
    }

    /// <summary>Saved under Core's name for the write-up (incident date and title; only [a-z0-9-.], so no quoting issue).</summary>
    private static void Download(HttpContext http, string fileName) =>
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";

    private static async Task<Results<Ok<SignOffResponse>, ProblemHttpResult>> SignOffAsync(
        string boardId, SignOffRequest? request, BoardRegistry registry, BoardCommands commands, CancellationToken cancellationToken)
    {
        if (request?.Key is null || request.Name is null)
        {
            return Problems.BadRequest("key and name are required.");
        }

        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return Problems.BoardNotFound();
        }

        if (!host.Read(board => SecretCodes.Matches(request.Key, board.State.Secrets.ReadKeyHash)))
        {
            return Problems.Unauthorized("The read key is not right for this board.");
        }

        // Readers are not participants: each sign-off gets its own reader actor id.
        var readerId = "reader-" + SecretCodes.NewId();
        if (await RunAsync(commands, host, readerId, new SignOffActions(request.Name), cancellationToken) is not { } result)
        {
            return Problems.Unavailable();
        }

        return result.Outcome.IsAccepted
            ? TypedResults.Ok(new SignOffResponse(result.Seq!.Value))
            : Problems.FromRejection(result.Outcome.Code, result.Outcome.Message);
    }

    private static async Task<Outcome?> AppendAsync(BoardCommands commands, BoardHost host, string actorId, BoardCommand command, CancellationToken cancellationToken) =>
        (await RunAsync(commands, host, actorId, command, cancellationToken))?.Outcome;

    /// <summary>Checked, appended, applied; null when the board did not answer in time.</summary>
    private static async Task<(Outcome Outcome, long? Seq)?> RunAsync(BoardCommands commands, BoardHost host, string actorId, BoardCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await commands.RunAsync(host, new PendingEntry(actorId, "http-" + SecretCodes.NewId(), command), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or BoardUnavailableException)
        {
            return null;
        }
    }

    private static string? Missing(params (bool IsMissing, string Name)[] fields)
    {
        var names = fields.Where(f => f.IsMissing).Select(f => f.Name).ToList();
        return names.Count == 0 ? null : $"Required: {string.Join(", ", names)}.";
    }
}
