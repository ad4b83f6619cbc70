namespace PostMortem.Data.Entities;

public sealed class ContributingFactorRecord
{
    public string BoardId { get; set; } = "";
    public int Position { get; set; }
    public string Text { get; set; } = "";
}
