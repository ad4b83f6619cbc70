using Microsoft.Extensions.Caching.Memory;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Core.Replay;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Web.Data;

namespace PostMortem.Server.Pages;

/// <summary>
/// Session replay for read-link holders (issue 14): checks the read key and Core's availability rule on the hosted
/// replica, reads the board's whole log (local journal or Redis alike, through <see cref="IBoardLog"/>), and keeps the
/// built <see cref="BoardReplay"/> per (board, last seq) in a cache bounded by entries held, so scrubbing builds nothing.
/// </summary>
internal sealed class ReplayPages(BoardRegistry registry, IBoardLog log) : IReplayPages, IDisposable
{
    /// <summary>How many log entries the cached replays may hold together (a 2,000-entry board is a few MB).</summary>
    public const long CachedEntries = 50_000;
    private const int ReadPage = 1_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CachedEntries });

    public async Task<PageResult<ReplayPageModel>> ReplayAsync(string boardId, string? key, long? at, bool namesAsRoles, CancellationToken cancellationToken)
    {
        var host = await registry.GetAsync(boardId, cancellationToken);
        if (host is null)
        {
            return PageErrors.BoardNotFound();
        }

        var (keyMatches, notReady, lastSeq) = host.Read(board =>
            SecretCodes.Matches(key, board.State.Secrets.ReadKeyHash)
                ? (true, ReplayAvailability.Check(board.State), board.Seq)
                : (false, null, 0L));
        if (!keyMatches)
        {
            return PageErrors.WrongReadKey();
        }

        if (notReady is { } refusal)
        {
            return new PageError(StatusCodes.Status409Conflict, refusal.Code, refusal.Message);
        }

        var replay = await GetOrBuildAsync(boardId, lastSeq, cancellationToken);
        if (replay is null)
        {
            return new PageError(StatusCodes.Status500InternalServerError, ServerCodes.InternalError,
                "The board's log no longer holds its whole session, so it cannot be replayed.");
        }

        var frame = replay.FrameAt(replay.Clamp(at), namesAsRoles);
        return PageResult<ReplayPageModel>.Ok(new ReplayPageModel(frame, replay.Marks, replay.Times));
    }

    /// <summary>One build per (board, last seq), shared by the requests that ask for it at the same time.</summary>
    private async Task<BoardReplay?> GetOrBuildAsync(string boardId, long lastSeq, CancellationToken cancellationToken)
    {
        var cacheKey = (boardId, lastSeq);
        var build = _cache.GetOrCreate(cacheKey, entry =>
        {
            entry.Size = Math.Max(1, lastSeq);
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            // Not the request's token: the build is shared, and one caller going away must not fail the others.
            return new Lazy<Task<BoardReplay?>>(() => BuildAsync(boardId, lastSeq, CancellationToken.None));
        })!;
        try
        {
            return await build.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (build.Value.IsFaulted)
        {
            _cache.Remove(cacheKey);
            throw;
        }
    }

    private async Task<BoardReplay?> BuildAsync(string boardId, long lastSeq, CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>((int)lastSeq);
        while (entries.Count < lastSeq)
        {
            var page = await log.ReadAsync(boardId, entries.Count, (int)Math.Min(ReadPage, lastSeq - entries.Count), cancellationToken);
            if (page.Count == 0 || page[0].Seq != entries.Count + 1)
            {
                return null;
            }

            entries.AddRange(page.Where(e => e.Seq <= lastSeq));
        }

        return BoardReplay.Build(boardId, entries);
    }

    public void Dispose() => _cache.Dispose();
}
