using Microsoft.EntityFrameworkCore;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Webhooks;

/// <summary>
/// The durable outbox of outgoing webhook events. Rows are inserted once per event id (a second insert of the same
/// id, from another instance or a replay after a restart, is ignored) and kept after delivery so a late duplicate
/// still finds its id. Sending instances take a row by a conditional update of its due time (a claim): two senders
/// polling the same table never both send one attempt.
/// </summary>
public sealed class WebhookOutbox(IDbContextFactory<PostMortemDbContext> contexts)
{
    /// <summary>A board id (at most 64) and a sequence number (at most 19 digits) with a dot.</summary>
    public const int EventIdLength = 100;

    public const int ErrorLength = 300;

    /// <summary>Stores <paramref name="delivery"/>; false when an event with its id is stored already.</summary>
    public async Task<bool> EnqueueAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WebhookDeliveries.AnyAsync(d => d.EventId == delivery.EventId, cancellationToken))
        {
            return false;
        }

        db.WebhookDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // another instance inserted it between the check and the insert
        }
    }

    /// <summary>Pending events due at <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.AbandonedAt == null && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>When the earliest pending event is due, or null when none is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.AbandonedAt == null)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => (DateTimeOffset?)d.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Claims <paramref name="delivery"/> for one attempt until <paramref name="claimUntil"/>: true for exactly one
    /// caller that saw it at this due time. If the claimer dies, the row is due again when the claim ends.
    /// </summary>
    public async Task<bool> TryClaimAsync(WebhookDelivery delivery, DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var seen = delivery.NextAttemptAt;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.EventId == delivery.EventId && d.NextAttemptAt == seen && d.DeliveredAt == null && d.AbandonedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, claimUntil), cancellationToken);
        return claimed == 1;
    }

    public async Task MarkDeliveredAsync(string eventId, int attempts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EventId == eventId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.DeliveredAt, at)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
    }

    /// <summary>Records a failed attempt: due again at <paramref name="retryAt"/>, or given up when it is null.</summary>
    public async Task MarkFailedAsync(string eventId, int attempts, string error, DateTimeOffset now, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        var reason = error.Length > ErrorLength ? error[..ErrorLength] : error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EventId == eventId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastError, reason)
                .SetProperty(d => d.NextAttemptAt, retryAt ?? now)
                .SetProperty(d => d.AbandonedAt, retryAt is null ? now : null), cancellationToken);
    }

    /// <summary>The stored row (tests, operators' tools).</summary>
    public async Task<WebhookDelivery?> FindAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.EventId == eventId, cancellationToken);
    }
}
