namespace PostMortem.Data.Entities;

/// <summary>Someone who could not attend agreed to the actions by name.</summary>
public sealed class SignOffRecord
{
    public string BoardId { get; set; } = "";
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
