using PostMortem.Core.Model;

namespace PostMortem.Data.Entities;

/// <summary>A chosen action of a closed post-mortem. Note ids are chosen by clients and unique per
/// board only, so the key is (board, note).</summary>
public sealed class ActionRecord
{
    public string BoardId { get; set; } = "";
    public string NoteId { get; set; } = "";
    public int Position { get; set; }
    public string Text { get; set; } = "";
    public string? Owner { get; set; }
    public DateOnly? DueDate { get; set; }
    public ActionKind Kind { get; set; }
    public ActionStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? TrackerUrl { get; set; }
    public int Votes { get; set; }
    /// <summary>When the action became done (Core's ActionDetails.DoneAt); null while it is not done.</summary>
    public DateTimeOffset? DoneAt { get; set; }
}
