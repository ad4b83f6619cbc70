using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.HandOff;
using PostMortem.Core.Protocol;
using PostMortem.Data.Entities;
using PostMortem.Data.Records;

namespace PostMortem.Server.HandOff;

/// <summary>
/// Hears every applied entry (under the replica's lock) and queues the webhook event Core says it causes: built and
/// serialized here, CPU only, then handed to <see cref="WebhookSender"/>, which writes it to the durable outbox. An
/// entry applied again after a restart (the log after the last snapshot) builds the same event id, which the outbox
/// keeps once.
/// </summary>
internal sealed class WebhookObserver(WebhookQueue queue, IOptions<HandOffOptions> options, TimeProvider clock, ILogger<WebhookObserver> logger)
    : IAppliedEntryObserver
{
    public void OnApplied(Board board, ApplyResult result)
    {
        if (WebhookEvents.For(board, result) is not { } e)
        {
            return;
        }

        if (options.Value.PublicOrigin is { } origin)
        {
            e = e with { IncidentUrl = $"{origin}/incidents/{Uri.EscapeDataString(e.BoardId)}" };
        }

        var now = clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            EventId = e.Id,
            BoardId = e.BoardId,
            EventType = e.Type,
            Body = JsonSerializer.Serialize(e, ProtocolJsonContext.Default.WebhookEvent),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        if (!queue.TryAdd(delivery))
        {
            HandOffLog.QueueFull(logger, e.Id);
        }
    }
}

/// <summary>Events on their way from the replicas to the outbox (bounded, so a stuck database cannot eat the memory:
/// when full, TryAdd says so at once and never blocks the replica).</summary>
internal sealed class WebhookQueue
{
    public const int Capacity = 10_000;

    private readonly Channel<WebhookDelivery> _channel = Channel.CreateBounded<WebhookDelivery>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public bool TryAdd(WebhookDelivery delivery) => _channel.Writer.TryWrite(delivery);

    public ChannelReader<WebhookDelivery> Reader => _channel.Reader;
}
