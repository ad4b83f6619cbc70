using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Client;

// Calls that are not board commands: the language coach, the write-up preview and presence (none of them is queued).
public sealed partial class BoardSyncEngine
{
    // Guarded by _gate.
    private PresenceRequest? _presenceQueued;
    private ITimer? _presenceTimer;
    private DateTimeOffset _presenceSentAt = DateTimeOffset.MinValue;

    /// <summary>The language coach's hints for a draft; none when not joined or when the call fails (the coach never blocks typing).</summary>
    public async Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_joined || string.IsNullOrWhiteSpace(text))
            {
                return [];
            }
        }

        try
        {
            return await _transport.CheckTextAsync(text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>The write-up as Core builds it now, for the close phase's preview; null when not joined or when the call fails.</summary>
    public Task<WriteUpModel?> WriteUpPreviewAsync(CancellationToken cancellationToken = default) =>
        WriteUpPreviewAsync(namesAsRoles: false, cancellationToken);

    /// <summary>The preview, with names replaced by roles when <paramref name="namesAsRoles"/> (as the shared write-up's switch).</summary>
    public async Task<WriteUpModel?> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_joined)
            {
                return null;
            }
        }

        try
        {
            return await _transport.WriteUpPreviewAsync(namesAsRoles, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Ephemeral presence (a cursor, a drag, typing): the latest update wins and at most one leaves per
    /// <see cref="BoardSyncOptions.PresenceInterval"/>, so a component may call it on every mouse move. Dropped while not
    /// joined (R10: presence is best effort, the next update replaces a lost one).
    /// </summary>
    public void SendPresence(PresenceRequest presence)
    {
        ArgumentNullException.ThrowIfNull(presence);
        lock (_gate)
        {
            if (!_joined)
            {
                return;
            }

            _presenceQueued = presence;
            if (_presenceTimer is null)
            {
                var wait = _presenceSentAt + _options.PresenceInterval - _time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    FlushPresence();
                }
                else
                {
                    _presenceTimer = _time.CreateTimer(static s => ((BoardSyncEngine)s!).OnPresenceTimer(), this, wait, Timeout.InfiniteTimeSpan);
                }
            }
        }

        Publish();
    }

    private void OnPresenceTimer()
    {
        lock (_gate)
        {
            _presenceTimer?.Dispose();
            _presenceTimer = null;
            FlushPresence();
        }

        Publish();
    }

    /// <summary>Under the lock.</summary>
    private void FlushPresence()
    {
        var presence = _presenceQueued;
        _presenceQueued = null;
        if (presence is null || !_joined)
        {
            return;
        }

        _presenceSentAt = _time.GetUtcNow();
        _work.Add(async () =>
        {
            try
            {
                await _transport.SendPresenceAsync(presence, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Best effort.
            }
        });
    }

    private void OnPresence(PresenceBatch batch)
    {
        string me;
        lock (_gate)
        {
            if (!_joined)
            {
                return;
            }

            me = _participantId;
        }

        // A batch may carry our own update back; it is not news (docs/PROTOCOL.md 3.3).
        foreach (var update in batch.Updates ?? [])
        {
            if (!string.Equals(update.ParticipantId, me, StringComparison.Ordinal))
            {
                PresenceReceived?.Invoke(update);
            }
        }
    }
}
