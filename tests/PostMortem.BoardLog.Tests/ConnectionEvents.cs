using StackExchange.Redis;

namespace PostMortem.BoardLog.Tests;

/// <summary>Awaitable connection failures and restorations of one multiplexer (register before the cause).</summary>
internal sealed class ConnectionEvents
{
    private readonly TaskCompletionSource _interactiveFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscriptionFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _interactiveRestored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscriptionRestored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnectionEvents(ConnectionMultiplexer multiplexer)
    {
        multiplexer.ConnectionFailed += (_, e) =>
            (e.ConnectionType == ConnectionType.Subscription ? _subscriptionFailed : _interactiveFailed).TrySetResult();
        multiplexer.ConnectionRestored += (_, e) =>
            (e.ConnectionType == ConnectionType.Subscription ? _subscriptionRestored : _interactiveRestored).TrySetResult();
    }

    public Task BothFailedAsync() => Task.WhenAll(_interactiveFailed.Task, _subscriptionFailed.Task).WithTimeout();

    public Task BothRestoredAsync() => Task.WhenAll(_interactiveRestored.Task, _subscriptionRestored.Task).WithTimeout();
}
