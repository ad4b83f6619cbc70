using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.BoardLog.Tests;

internal static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static Task<T> WithTimeout<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Default);

    public static Task WithTimeout(this ValueTask task) => task.AsTask().WaitAsync(Default);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Default);
}

internal static class Entries
{
    public static string NewBoardId() => Guid.NewGuid().ToString("N");

    public static PendingEntry Note(int i, string actor = "actor-1") =>
        new(actor, $"op-{i}", new AddNote($"note-{i}", NoteKind.Event, $"text {i}"));

    /// <summary>The stored form: equal JSON means equal seq, time, actor, op and command.</summary>
    public static string Json(LogEntry entry) => CoreJson.SerializeEntry(entry);
}

/// <summary>A subscriber that records what it receives and lets a test await a seq.</summary>
internal sealed class EntryCollector
{
    private readonly Lock _lock = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(long Seq, TaskCompletionSource Reached)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<long> Seqs => [.. Entries.Select(e => e.Seq)];

    public ValueTask OnEntryAsync(LogEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Seq <= entry.Seq).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when an entry with at least this seq arrived; fails after the default timeout.</summary>
    public Task WaitForSeqAsync(long seq)
    {
        lock (_lock)
        {
            if (_entries.Any(e => e.Seq >= seq))
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((seq, reached));
            return reached.Task.WaitAsync(Timeouts.Default);
        }
    }
}

/// <summary>Keeps every formatted log message, to check what the log says and that it leaks no text.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _seen = new();

    public ConcurrentQueue<(EventId Id, string Message)> Messages { get; } = new();

    /// <summary>Completes when an event with this id was logged; fails after the default timeout.</summary>
    public Task WaitForEventAsync(int eventId) =>
        _seen.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(Timeouts.Default);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Messages.Enqueue((eventId, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
        _seen.GetOrAdd(eventId.Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
