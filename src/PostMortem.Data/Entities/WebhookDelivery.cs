namespace PostMortem.Data.Entities;

/// <summary>
/// One outgoing webhook event in the durable outbox. The key is the event's id (board and log sequence number), so
/// every instance that applies the same entry inserts the same row and only the first insert counts.
/// </summary>
public sealed class WebhookDelivery
{
    public string EventId { get; set; } = "";
    public string BoardId { get; set; } = "";
    public string EventType { get; set; } = "";
    /// <summary>The JSON body exactly as it is signed and sent, on every attempt.</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>When the next attempt is due; while an instance is sending, the end of its claim on the row.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>Set when the last allowed attempt failed: the event is given up (and logged).</summary>
    public DateTimeOffset? AbandonedAt { get; set; }
    /// <summary>Why the last attempt failed (status code or error type), never the receiver's body.</summary>
    public string? LastError { get; set; }
}
