using Microsoft.Extensions.Logging;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Storage;

/// <summary>
/// Whether storage takes writes (docs/PROTOCOL.md, "Health"). The journal and the snapshot store report every write
/// here: a failed write (disk full, database unreachable) makes storage failing with its reason; the next write that
/// succeeds — or a probe write made by <see cref="CheckAsync"/> while failing — makes it healthy again, so the
/// server recovers by itself when space returns and nobody has to restart it. Without a database (in-memory
/// storage) nothing reports and there is no probe: always healthy.
/// </summary>
public sealed class StorageHealth(ILogger<StorageHealth> logger, IStorageProbe? probe = null)
{
    private volatile string? _failure;

    /// <summary>The reason storage is failing, null while it takes writes.</summary>
    public string? Failure => _failure;

    public void Failed(string operation, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = $"{operation} failed: {Describe(exception)}";
        if (_failure is null)
        {
            DataLog.StorageFailing(logger, reason);
        }

        _failure = reason;
    }

    public void Succeeded()
    {
        if (_failure is not null)
        {
            _failure = null;
            DataLog.StorageRecovered(logger);
        }
    }

    /// <summary>The failure reason, or null when healthy; while failing, first tries a probe write to notice recovery.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (_failure is not null && probe is not null)
        {
            try
            {
                await probe.ProbeWriteAsync(cancellationToken);
                Succeeded();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed("probe write", ex);
            }
        }

        return _failure;
    }

    /// <summary>Whether <paramref name="exception"/> is storage refusing a write (as opposed to a bug): these make
    /// storage failing and the write retryable.</summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or IOException or TimeoutException;

    /// <summary>The innermost message (e.g. SQLite's "database or disk is full"), never user text: storage
    /// errors name tables and codes, not the values written.</summary>
    private static string Describe(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner.Message.ReplaceLineEndings(" ");
        return message.Length > 200 ? message[..200] : message;
    }
}

/// <summary>A small real write to the storage, made while storage is failing, to notice recovery.</summary>
public interface IStorageProbe
{
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
