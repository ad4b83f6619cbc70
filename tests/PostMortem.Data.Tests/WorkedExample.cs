using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Tests;

/// <summary>
/// PRODUCT.md's worked example, run as a meeting through the real server: the "pause subscription" API
/// change, the unmonitored reconciliation job, the why chain down to the structural root cause, three
/// owned and dated actions, and the close (board locked).
/// </summary>
internal static class WorkedExample
{
    public const string Title = "Pause subscription change broke overnight reconciliation";
    public const string RootCause = "No mechanism for one squad to know what another is changing";
    public const string ContractTests = "Contract tests across the two services";
    public const string Notification = "Cross-squad notification for shared-API changes";
    public const string SchemaAlerts = "Schema-mismatch alerts on reconciliation";
    public const string Summary = "An API change for pausing subscriptions changed a response shape; the overnight reconciliation job read it silently and produced bad allocations.";
    public const string Impact = "Three customers received produce they are allergic to; 12+ hours between the change and the first signal.";

    /// <summary>Tuesday 16:47 UTC: the API change ships.</summary>
    public static readonly DateTimeOffset ChangeDeployed = new(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);

    /// <summary>The meeting: Wednesday late morning, after the fix.</summary>
    public static readonly DateTimeOffset Meeting = new(2026, 3, 4, 13, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly NextFriday = new(2026, 3, 13);
    public static readonly DateOnly EndOfSprint = new(2026, 3, 17);
    public static readonly DateOnly FollowUp = new(2026, 3, 18);

    /// <summary>Runs the meeting and closes the board. Priya owns the contract tests (and is on the board);
    /// Sam is a participant who owns nothing.</summary>
    public static async Task<Meeting> RunAsync(
        AppServer app, string title = Title, string rootCause = RootCause, DateTimeOffset? incidentAt = null, IReadOnlyList<string>? factors = null)
    {
        var start = incidentAt ?? ChangeDeployed;
        var board = await app.CreateBoardAsync(title, start);
        var (priya, priyaToken) = await app.JoinAsync(board, "Priya");
        var (sam, samToken) = await app.JoinAsync(board, "Sam");
        var id = board.BoardId;
        var f = board.ParticipantId;
        Task Do(BoardCommand command, string? actor = null) => app.OkAsync(id, actor ?? f, command);

        await Do(new AdvancePhase()); // timeline
        await Do(new AddNote("t1", NoteKind.Event, "API change for pause subscription deployed", start));
        await Do(new MarkKeyMoment("t1", KeyMoment.Trigger));
        await Do(new AddNote("t2", NoteKind.Event, "Overnight reconciliation job ran against the new response shape", start.AddHours(12).AddMinutes(43)), sam);
        await Do(new MarkKeyMoment("t2", KeyMoment.ImpactStart));
        await Do(new AddNote("t3", NoteKind.Signal, "First customer emails", start.AddHours(16).AddMinutes(13)), priya);
        await Do(new MarkKeyMoment("t3", KeyMoment.Detected));
        await Do(new AddNote("t4", NoteKind.Event, "Founder calls affected customers", start.AddHours(16).AddMinutes(28)));
        await Do(new AddNote("t5", NoteKind.Event, "On-call engineer identifies the format mismatch", start.AddHours(16).AddMinutes(48)));
        await Do(new MarkKeyMoment("t5", KeyMoment.Mitigated));
        await Do(new AddNote("t6", NoteKind.Event, "Fix deployed", start.AddHours(18).AddMinutes(27)));
        await Do(new MarkKeyMoment("t6", KeyMoment.Resolved));

        await Do(new AdvancePhase()); // root cause
        await Do(new StartChain("c1", "Three customers received produce they are allergic to"));
        await Do(new AddWhyStep("c1", "s1", "Why did customers get the wrong product?", "The reconciliation job produced bad allocations"));
        await Do(new AddWhyStep("c1", "s2", "Why did reconciliation produce bad data?", "The upstream API response format changed"));
        await Do(new AddWhyStep("c1", "s3", "Why did a format change go unnoticed?", "There is no schema validation on the consumer side"));
        await Do(new AddWhyStep("c1", "s4", "Why is there no validation?", "There is no contract test between the two services"));
        await Do(new AddWhyStep("c1", "s5", "Why is there no contract test?", rootCause));
        await Do(new MarkRootCause("c1", "s5"));

        await Do(new AdvancePhase()); // contributing factors
        factors ??= ["The overnight reconciliation job was not monitored", "The job wrote bad allocations instead of stopping on an unknown shape"];
        for (var i = 0; i < factors.Count; i++)
        {
            await Do(new AddNote($"f{i + 1}", NoteKind.ContributingFactor, factors[i]));
        }

        await Do(new AdvancePhase()); // actions
        await Do(new AddNote("a1", NoteKind.Action, ContractTests));
        await Do(new AddNote("a2", NoteKind.Action, Notification));
        await Do(new AddNote("a3", NoteKind.Action, SchemaAlerts));
        foreach (var action in new[] { "a1", "a2", "a3" })
        {
            await Do(new ChooseAction(action, true));
        }

        await Do(new SetActionDetails("a1", OwnerParticipantId: priya, DueDate: NextFriday, ActionKind: ActionKind.LongTerm));
        await Do(new SetActionDetails("a2", Owner: "Jordan Lee", DueDate: NextFriday, ActionKind: ActionKind.LongTerm));
        await Do(new SetActionDetails("a3", Owner: "Sam Okafor", DueDate: EndOfSprint, ActionKind: ActionKind.ShortTerm));

        await Do(new AdvancePhase()); // close
        await Do(new AcknowledgeAction("a1"), priya);
        await Do(new AcknowledgeAction("a2"));
        await Do(new AcknowledgeAction("a3"));
        await Do(new SetClose(Summary, Impact, FollowUp));
        await Do(new LockBoard());
        return new Meeting(board, priya, priyaToken, sam, samToken);
    }
}

internal sealed record Meeting(CreateBoardResponse Board, string Priya, string PriyaToken, string Sam, string SamToken)
{
    public string BoardId => Board.BoardId;
}
