namespace PostMortem.Data.Entities;

/// <summary>One entry of the embedded board log, in Core's stored entry format (CoreJson.SerializeEntry).</summary>
public sealed class JournalEntryRow
{
    public string BoardId { get; set; } = "";
    public long Seq { get; set; }
    public string EntryJson { get; set; } = "";
}
