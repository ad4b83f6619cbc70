namespace PostMortem.Core;

public enum DecisionKind
{
    /// <summary>Append the command to the log; the reducer decides again when the entry is applied.</summary>
    Append,
    /// <summary>The actor's clientOpId was applied before, at <see cref="Decision.DuplicateOfSeq"/> (rule R3): append nothing.</summary>
    Duplicate,
    /// <summary>The reducer would certainly refuse it: answer without a log write, so it leaves no trace.</summary>
    Rejected,
}

/// <summary>What <see cref="Board.Decide"/> says a writer (hub, HTTP endpoint) does with a request.</summary>
public sealed record Decision(DecisionKind Kind, long? DuplicateOfSeq = null, string? Code = null, string? Message = null)
{
    public static Decision Append { get; } = new(DecisionKind.Append);

    /// <summary>The answer to give the caller when nothing is appended.</summary>
    public Outcome ToOutcome() => Kind switch
    {
        DecisionKind.Duplicate => new Outcome(OutcomeStatus.Duplicate, Message: "this clientOpId was already applied", DuplicateOfSeq: DuplicateOfSeq),
        DecisionKind.Rejected => Outcome.Reject(Code!, Message!),
        _ => throw new InvalidOperationException("an append has no outcome until the entry is applied"),
    };
}
