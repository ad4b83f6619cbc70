using PostMortem.Server.BoardLog;

namespace PostMortem.BoardLog.Tests;

public sealed class InMemoryBoardLogContract : BoardLogContract
{
    protected override Task<IBoardLog> CreateLogAsync() => Task.FromResult<IBoardLog>(Track(new InMemoryBoardLog(TimeProvider.System)));

    protected override Task<IBoardLog> CreatePeerAsync(IBoardLog log) => Task.FromResult(log);
}
