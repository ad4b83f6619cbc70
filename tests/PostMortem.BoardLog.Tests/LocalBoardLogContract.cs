using PostMortem.Data.Journal;
using PostMortem.Server.BoardLog;

namespace PostMortem.BoardLog.Tests;

/// <summary>The embedded log over a journal (the in-memory one; PostMortem.Data's journal has its own tests).</summary>
public sealed class LocalBoardLogContract : BoardLogContract
{
    private protected override Task<IBoardLog> CreateLogAsync() =>
        Task.FromResult<IBoardLog>(Track(new LocalBoardLog(TimeProvider.System, new InMemoryEntryJournal())));

    private protected override Task<IBoardLog> CreatePeerAsync(IBoardLog log) => Task.FromResult(log);
}
