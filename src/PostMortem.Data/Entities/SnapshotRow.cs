namespace PostMortem.Data.Entities;

/// <summary>The latest snapshot of one board (one row per board; an older one never replaces it).</summary>
public sealed class SnapshotRow
{
    public string BoardId { get; set; } = "";
    public long Seq { get; set; }
    public string StateJson { get; set; } = "";
    public string StateHash { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
}
