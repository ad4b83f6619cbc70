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
using PostMortem.Web.Data;

namespace PostMortem.Server.Pages;

/// <summary>
/// Create, read, write-up and sign-off: the one implementation behind both the HTTP API (Endpoints/BoardEndpoints)
/// and the server-rendered pages. Each checks a secret, turns the request into a command through the log, and
/// reports Core's outcome.
/// </summary>
internal sealed class BoardPages(
    BoardRegistry registry, BoardCommands commands, IBoardLog log, ParticipantTokens tokens, IIncidentHistory history,
    TimeProvider clock, ILoggerFactory loggers, BoardMetrics metrics) : IBoardPages
{
    /// <summary>Viewer id for read-key holders: not a participant id (those are 32 hex digits), so Core sees a reader.</summary>
    public const string ReaderViewerId = "reader";
    private const string PreWorkPrefix = "pre";

    public async Task<PageResult<CreateBoardResponse>> CreateAsync(CreateBoardRequest request, bool teamMember, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var missing = Missing(
            (request.Title is null, "title"),
            (request.IncidentAt is null, "incidentAt"),
            (request.IncidentType is null, "incidentType"),
            (request.Severity is null, "severity"),
            (request.FacilitatorName is null, "facilitatorName"));
        if (missing is not null)
        {
            return PageErrors.BadRequest(missing);
        }

        var boardId = SecretCodes.NewId();
        var facilitatorId = SecretCodes.NewId();
        var facilitatorSecret = SecretCodes.New();
        var joinCode = SecretCodes.JoinCodeFor(facilitatorSecret);
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
            }) with { AnonymousPhases = request.AnonymousPhases };

        // Decided before anything is written, so a bad request leaves no half-made board in the log. The board
        // is not hosted yet (its log is empty), so the decision is taken on an empty replica.
        var decision = Board.Empty(boardId).Decide(facilitatorId, "create", create, clock.GetUtcNow());
        if (decision.Kind != DecisionKind.Append)
        {
            return PageErrors.FromRejection(decision.Code, decision.Message);
        }

        var entry = await log.AppendAsync(boardId, new PendingEntry(facilitatorId, "create", create), CancellationToken.None);
        metrics.Appended();
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return PageErrors.FromRejection(ServerCodes.InternalError, "The board was written but could not be loaded.");
        }

        var created = await host.WaitForAppliedAsync(entry.Seq, TimeSpan.FromSeconds(10), cancellationToken);
        if (created is { Outcome.IsAccepted: false })
        {
            return PageErrors.FromRejection(created.Outcome.Code, created.Outcome.Message);
        }

        ServerLog.BoardCreated(loggers.CreateLogger(typeof(BoardPages)), boardId);

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
        var previous = teamMember ? await history.PreviousOpenActionsAsync(boardId, cancellationToken) : [];
        return PageResult<CreateBoardResponse>.Ok(new CreateBoardResponse(
            boardId, joinCode, facilitatorSecret, readKey, facilitatorId, tokens.Issue(boardId, facilitatorId, host.Read(b => b.Seq)),
            importErrors, preWorkRejected, previous.Count > 0 ? previous : null));
    }

    public Task<PageResult<BoardView>> ReadAsync(string boardId, string? key, CancellationToken cancellationToken) =>
        WithReadKeyAsync(boardId, key, board => board.ViewFor(ReaderViewerId), cancellationToken);

    public Task<PageResult<WriteUpModel>> WriteUpAsync(string boardId, string? key, bool namesAsRoles, CancellationToken cancellationToken) =>
        WithReadKeyAsync(boardId, key, board => board.WriteUp(namesAsRoles), cancellationToken);

    /// <summary>What <paramref name="project"/> makes of the board, under the replica's lock, when the read key matches.</summary>
    public async Task<PageResult<T>> WithReadKeyAsync<T>(string boardId, string? key, Func<Board, T> project, CancellationToken cancellationToken)
        where T : class
    {
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return PageErrors.BoardNotFound();
        }

        var value = host.Read(board => SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash) ? project(board) : null);
        return value is null ? PageErrors.WrongReadKey() : PageResult<T>.Ok(value);
    }

    public async Task<PageResult<SignOffResponse>> SignOffAsync(string boardId, string? key, string? name, CancellationToken cancellationToken)
    {
        if (key is null || name is null)
        {
            return PageErrors.BadRequest("key and name are required.");
        }

        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return PageErrors.BoardNotFound();
        }

        if (!host.Read(board => SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash)))
        {
            return PageErrors.WrongReadKey();
        }

        // Readers are not participants: each sign-off gets its own reader actor id.
        var readerId = "reader-" + SecretCodes.NewId();
        if (await RunAsync(commands, host, readerId, new SignOffActions(name), cancellationToken) is not { } result)
        {
            return PageErrors.Unavailable();
        }

        return result.Outcome.IsAccepted
            ? PageResult<SignOffResponse>.Ok(new SignOffResponse(result.Seq!.Value))
            : PageErrors.FromRejection(result.Outcome.Code, result.Outcome.Message);
    }

    /// <summary>Checked, appended, applied; null when the board did not answer in time.</summary>
    public static async Task<(Outcome Outcome, long? Seq)?> RunAsync(BoardCommands commands, BoardHost host, string actorId, BoardCommand command, CancellationToken cancellationToken)
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
