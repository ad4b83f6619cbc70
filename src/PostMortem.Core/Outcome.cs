using PostMortem.Core.Model;

namespace PostMortem.Core;

public enum OutcomeStatus
{
    Accepted,
    Rejected,
    /// <summary>The actor's clientOpId was applied before, at <see cref="Outcome.DuplicateOfSeq"/> (rule R3).</summary>
    Duplicate,
}

/// <summary>
/// What the reducer decided for one entry. Deterministic: every replica computes the same outcome.
/// </summary>
public sealed record Outcome(
    OutcomeStatus Status,
    string? Code = null,
    string? Message = null,
    IReadOnlyList<string>? Warnings = null,
    long? DuplicateOfSeq = null,
    IReadOnlyList<ImportLineError>? ImportErrors = null)
{
    public static Outcome Accepted(IReadOnlyList<string>? warnings = null) => new(OutcomeStatus.Accepted, Warnings: warnings is { Count: > 0 } ? warnings : null);

    public static Outcome Reject(string code, string message) => new(OutcomeStatus.Rejected, code, message);

    public bool IsAccepted => Status == OutcomeStatus.Accepted;
}

/// <summary>A pasted pre-work line that could not be read.</summary>
public sealed record ImportLineError(int Line, string Text, string Reason);
