using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// A reason the reducer refuses a command; becomes <see cref="Outcome.Reject"/>. The message is shown to people as it
/// is (issue 13, fix 7): written as a phrase where it is made, it is turned into a sentence here — capital first letter,
/// a full stop — so no rule anywhere can hand a client a fragment or a bare code.
/// </summary>
internal sealed record Rejection
{
    public Rejection(string code, string message)
    {
        Code = code;
        Message = AsSentence(message);
    }

    public string Code { get; }

    public string Message { get; }

    internal static string AsSentence(string message)
    {
        var text = message.Trim();
        if (text.Length == 0)
        {
            return text;
        }

        var first = char.ToUpperInvariant(text[0]);
        var end = text[^1] is '.' or '!' or '?' ? "" : ".";
        return string.Concat(first.ToString(), text.AsSpan(1), end);
    }
}

/// <summary>
/// Per-replica memory that is not board state: the derived output this replica last emitted. It is
/// always equal to Derive(state, state.Meta.UpdatedAt), so a replica loaded from a snapshot recomputes
/// it and emits exactly the events a replica that replayed the whole log emits.
/// </summary>
internal sealed class ReplicaCache
{
    public Derived? Derived { get; set; }

    /// <summary>The affordances this replica last emitted per participant; like <see cref="Derived"/>, a pure
    /// function of the state, so a replica loaded from a snapshot recomputes it.</summary>
    public Dictionary<string, Affordances>? Affordances { get; set; }
}

/// <summary>Everything one command's handler needs, and what it produced.</summary>
internal sealed class ApplyContext(BoardState state, string actorId, DateTimeOffset at, bool dryRun)
{
    public BoardState State { get; } = state;

    public BoardMeta Meta => State.Meta;

    public string ActorId { get; } = actorId;

    /// <summary>The entry's time, in UTC: the reducer's only clock.</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>Check only: handlers stop after validation and change nothing.</summary>
    public bool DryRun { get; } = dryRun;

    public Role Role { get; set; } = Role.Reader;

    public bool IsFacilitator => Role == Role.Facilitator;

    public List<BoardEvent> Events { get; } = [];

    public bool MetaTouched { get; set; }

    public List<string>? Warnings { get; set; }

    public List<ImportLineError>? ImportErrors { get; set; }

    public void Emit(BoardEvent e) => Events.Add(e);

    public void TouchMeta() => MetaTouched = true;
}

/// <summary>
/// The pure reducer: (state, entry) → (state', outcome, events). Every handler validates everything
/// before it changes anything, so a rejected entry leaves the board exactly as it was, and
/// <see cref="Check"/> can run the same handlers with <see cref="ApplyContext.DryRun"/>.
/// </summary>
internal static partial class Reducer
{
    public static ApplyResult Apply(BoardState state, LogEntry entry) => Apply(state, entry, new ReplicaCache());

    public static ApplyResult Apply(BoardState state, LogEntry entry, ReplicaCache cache)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Seq != state.Meta.Seq + 1)
        {
            throw new InvalidOperationException($"entry {entry.Seq} applied to a board at seq {state.Meta.Seq}: entries must be applied in order");
        }

        // A replica loaded from a snapshot has not emitted anything yet; what it would have emitted last
        // is a pure function of the state, so computing it here keeps events identical across replicas.
        if (cache.Derived is null && state.Meta.Created)
        {
            cache.Derived = Analysis.Derive(state, state.Meta.UpdatedAt);
        }

        if (cache.Affordances is null && state.Meta.Created)
        {
            cache.Affordances = AllAffordances(state);
        }

        state.Meta.Seq = entry.Seq;

        // Decided on the state before the entry: a removed note's kind is still known. Rejected and duplicate
        // entries hide their actor too (a refused note still says who tried to write it).
        var actorHidden = Anonymity.HidesActor(state, entry);
        var opId = entry.ClientOpId;
        if (string.IsNullOrEmpty(opId) || opId.Length > Limits.ClientOpIdLength)
        {
            return Rejected(entry, new Rejection(RejectionCodes.InvalidValue, $"clientOpId must be 1 to {Limits.ClientOpIdLength} characters"), actorHidden);
        }

        // R3: only accepted entries are remembered. A rejected entry changed nothing, so evaluating a
        // retry of it again is still "applied at most once", and "duplicate" always means "it was applied".
        if (FindRecentOp(state, entry.ActorId, opId) is { } previous)
        {
            return new ApplyResult(entry, new Outcome(OutcomeStatus.Duplicate, Message: "this clientOpId was already applied", DuplicateOfSeq: previous), [], actorHidden);
        }

        var ctx = new ApplyContext(state, entry.ActorId ?? "", entry.At.ToUniversalTime(), dryRun: false);
        Rejection? rejection;
        try
        {
            rejection = Evaluate(ctx, entry.Command);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must not turn an entry into poison that stops every replica from loading the board.
            // Handlers validate before they change anything, so this is in practice a rejection; it is
            // the same on every replica because the code and the input are.
            rejection = new Rejection(RejectionCodes.InvalidValue, "the board could not apply this command");
        }

        if (rejection is not null)
        {
            return Rejected(entry, rejection, actorHidden);
        }

        state.Meta.UpdatedAt = ctx.At;
        // Only participants are remembered: their number is bounded, so is this memory. A reader's only
        // command, signing off, is idempotent by name, so evaluating a reader's retry again is harmless.
        if (state.Participants.ContainsKey(ctx.ActorId))
        {
            RememberOp(state, ctx.ActorId, opId, entry.Seq);
        }

        if (ctx.MetaTouched)
        {
            ctx.Events.Insert(0, new MetaChanged(Cloning.Clone(state.Meta)));
        }

        EmitDerived(ctx, cache, AffectsDerived(entry.Command));
        if (AffectsAffordances(entry.Command))
        {
            EmitAffordances(ctx, cache);
        }

        var outcome = new Outcome(
            OutcomeStatus.Accepted,
            Warnings: ctx.Warnings is { Count: > 0 } ? ctx.Warnings : null,
            ImportErrors: ctx.ImportErrors is { Count: > 0 } ? ctx.ImportErrors : null);
        return new ApplyResult(entry, outcome, AnonymousCopies.Split(state, ctx.Events), actorHidden);
    }

    public static Outcome Check(BoardState state, string actorId, BoardCommand command, DateTimeOffset now)
    {
        var ctx = new ApplyContext(state, actorId ?? "", now.ToUniversalTime(), dryRun: true);
        return Evaluate(ctx, command) is { } rejection
            ? Outcome.Reject(rejection.Code, rejection.Message)
            : new Outcome(OutcomeStatus.Accepted, Warnings: ctx.Warnings is { Count: > 0 } ? ctx.Warnings : null, ImportErrors: ctx.ImportErrors is { Count: > 0 } ? ctx.ImportErrors : null);
    }

    /// <summary>
    /// The one decision point for every writer: the same clientOpId and duplicate rules as <see cref="Apply"/>,
    /// then the handlers in dry-run. Duplicate is decided first: a retry of an applied op would fail the
    /// handlers (e.g. id_taken) but is not an error.
    /// </summary>
    public static Decision Decide(BoardState state, string actorId, string clientOpId, BoardCommand command, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(clientOpId) || clientOpId.Length > Limits.ClientOpIdLength)
        {
            return new Decision(DecisionKind.Rejected, Code: RejectionCodes.InvalidValue, Message: $"clientOpId must be 1 to {Limits.ClientOpIdLength} characters");
        }

        if (FindRecentOp(state, actorId, clientOpId) is { } previous)
        {
            return new Decision(DecisionKind.Duplicate, DuplicateOfSeq: previous);
        }

        var check = Check(state, actorId, command, now);
        return check.IsAccepted ? Decision.Append : new Decision(DecisionKind.Rejected, Code: check.Code, Message: check.Message);
    }

    private static ApplyResult Rejected(LogEntry entry, Rejection rejection, bool actorHidden) =>
        new(entry, Outcome.Reject(rejection.Code, rejection.Message), [], actorHidden);

    private static long? FindRecentOp(BoardState state, string? actorId, string opId)
    {
        if (!state.RecentOps.TryGetValue(actorId ?? "", out var ops))
        {
            return null;
        }

        // Newest first: a retry is almost always of a recent op.
        for (var i = ops.Count - 1; i >= 0; i--)
        {
            if (string.Equals(ops[i].ClientOpId, opId, StringComparison.Ordinal))
            {
                return ops[i].Seq;
            }
        }

        return null;
    }

    private static void RememberOp(BoardState state, string actorId, string opId, long seq)
    {
        if (!state.RecentOps.TryGetValue(actorId, out var ops))
        {
            ops = [];
            state.RecentOps[actorId] = ops;
        }

        if (ops.Count >= Limits.RecentOpsPerActor)
        {
            ops.RemoveRange(0, ops.Count - Limits.RecentOpsPerActor + 1);
        }

        ops.Add(new AppliedOp(opId, seq));
    }

    private static void EmitDerived(ApplyContext ctx, ReplicaCache cache, bool mayChange)
    {
        Derived next;
        if (mayChange || cache.Derived is null)
        {
            next = Analysis.Derive(ctx.State, ctx.At);
        }
        else
        {
            // Nothing the command touched feeds the analysis; only the clock moved (a day may have passed a due date).
            var late = Analysis.IsLate(ctx.State, ctx.At);
            var problems = ActionChecks.For(ctx.State, ctx.At);
            if (late == cache.Derived.LateMeeting && ActionChecks.Same(problems, cache.Derived.ActionProblems))
            {
                return;
            }

            next = cache.Derived with { LateMeeting = late, ActionProblems = problems };
        }

        if (cache.Derived is not null && Analysis.Same(next, cache.Derived))
        {
            return;
        }

        cache.Derived = next;
        ctx.Emit(new DerivedChanged(next));
    }

    private static Dictionary<string, Affordances> AllAffordances(BoardState state)
    {
        var all = new Dictionary<string, Affordances>(StringComparer.Ordinal);
        foreach (var p in state.Participants.Values)
        {
            if (!p.Removed)
            {
                all[p.Id] = AffordanceRules.For(state, p.Id);
            }
        }

        return all;
    }

    /// <summary>One event per participant whose affordances changed, visible to them only, in participant
    /// order so every replica emits the same sequence.</summary>
    private static void EmitAffordances(ApplyContext ctx, ReplicaCache cache)
    {
        var previous = cache.Affordances ?? [];
        var next = AllAffordances(ctx.State);
        foreach (var p in Sorted.Participants(ctx.State))
        {
            if (next.TryGetValue(p.Id, out var now) && (!previous.TryGetValue(p.Id, out var before) || !AffordanceRules.Same(before, now)))
            {
                ctx.Emit(new AffordancesChanged(now) { VisibleTo = p.Id });
            }
        }

        cache.Affordances = next;
    }

    /// <summary>Commands that cannot change anyone's <see cref="Affordances"/> (they touch no role, lock, phase,
    /// authorship, ownership or vote). Listing the safe ones keeps a new command correct by default.</summary>
    private static bool AffectsAffordances(BoardCommand command) => command is not (
        UpdateDetails or SetTimeZone or SetPrimeDirective or ShowPrimeDirective or Rename or AgreePrimeDirective
        or SetReady or StartTimer or PauseTimer or ResumeTimer or ExtendTimer or ResetTimer or EditNote
        or EditChain or EditWhyStep or SetTieBreakOrder or SetClose or SignOffActions or UpdateActionStatus);

    /// <summary>Commands whose effects cannot change <see cref="Derived"/> other than through the clock
    /// (see <see cref="Analysis.Derive"/> for what it reads). Listing the safe ones keeps a new command
    /// correct by default.</summary>
    private static bool AffectsDerived(BoardCommand command) => command is not (
        SetAgenda or SetTimeZone or SetPrimeDirective or ShowPrimeDirective or HandOver
        or AgreePrimeDirective or LockPhase or UnlockPhase
        or LockBoard or UnlockBoard or StartTimer or PauseTimer or ResumeTimer or ExtendTimer or ResetTimer
        or SetVoteLimit or SetClose or SignOffActions or AcknowledgeAction or UpdateActionStatus or SetAnonymity);

    private static Rejection? Evaluate(ApplyContext ctx, BoardCommand? command)
    {
        if (command is null)
        {
            return new Rejection(RejectionCodes.InvalidValue, "the entry has no command");
        }

        var meta = ctx.Meta;
        if (!meta.Created)
        {
            return command is CreateBoard create
                ? OnCreateBoard(ctx, create)
                : new Rejection(RejectionCodes.BoardNotCreated, "the board has not been created yet");
        }

        if (command is CreateBoard)
        {
            return new Rejection(RejectionCodes.BoardAlreadyCreated, "the board already exists");
        }

        if (Permissions.Admit(ctx.State, ctx.ActorId, command, out var role) is { } refused)
        {
            return refused;
        }

        ctx.Role = role;
        return command switch
        {
            UpdateDetails c => OnUpdateDetails(ctx, c),
            SetAgenda c => OnSetAgenda(ctx, c),
            SetTimeZone c => OnSetTimeZone(ctx, c),
            SetPrimeDirective c => OnSetPrimeDirective(ctx, c),
            ShowPrimeDirective c => OnShowPrimeDirective(ctx, c),
            ImportTimeline c => OnImportTimeline(ctx, c),
            Join c => OnJoin(ctx, c),
            Rename c => OnRename(ctx, c),
            Leave => OnLeave(ctx),
            RemoveParticipant c => OnRemoveParticipant(ctx, c),
            HandOver c => OnHandOver(ctx, c),
            ReclaimFacilitator => OnReclaimFacilitator(ctx),
            AgreePrimeDirective c => OnAgreePrimeDirective(ctx, c),
            SetReady c => OnSetReady(ctx, c),
            AdvancePhase => MovePhase(ctx, forward: true),
            GoBackPhase => MovePhase(ctx, forward: false),
            LockPhase c => SetPhaseLock(ctx, c.Phase, locked: true),
            UnlockPhase c => SetPhaseLock(ctx, c.Phase, locked: false),
            LockBoard => OnLockBoard(ctx),
            UnlockBoard => OnUnlockBoard(ctx),
            StartTimer c => OnStartTimer(ctx, c),
            PauseTimer => OnPauseTimer(ctx),
            ResumeTimer => OnResumeTimer(ctx),
            ExtendTimer c => OnExtendTimer(ctx, c),
            ResetTimer => OnResetTimer(ctx),
            AddNote c => OnAddNote(ctx, c),
            EditNote c => OnEditNote(ctx, c),
            MoveNote c => OnMoveNote(ctx, c),
            DeleteNote c => OnDeleteNote(ctx, c),
            MarkKeyMoment c => OnMarkKeyMoment(ctx, c),
            StartChain c => OnStartChain(ctx, c),
            EditChain c => OnEditChain(ctx, c),
            RemoveChain c => OnRemoveChain(ctx, c),
            AddWhyStep c => OnAddWhyStep(ctx, c),
            EditWhyStep c => OnEditWhyStep(ctx, c),
            RemoveWhyStep c => OnRemoveWhyStep(ctx, c),
            MarkRootCause c => OnMarkRootCause(ctx, c),
            CastVote c => OnCastVote(ctx, c),
            RetractVote c => OnRetractVote(ctx, c),
            SetVoteLimit c => OnSetVoteLimit(ctx, c),
            RevealVotes => OnRevealVotes(ctx),
            SetTieBreakOrder c => OnSetTieBreakOrder(ctx, c),
            ChooseAction c => OnChooseAction(ctx, c),
            SetActionDetails c => OnSetActionDetails(ctx, c),
            AcknowledgeAction c => OnAcknowledgeAction(ctx, c),
            UpdateActionStatus c => OnUpdateActionStatus(ctx, c),
            SetClose c => OnSetClose(ctx, c),
            SignOffActions c => SignOff(ctx, c),
            SetAnonymity c => OnSetAnonymity(ctx, c),
            _ => new Rejection(RejectionCodes.UnknownCommand, $"the board does not know the command {command.GetType().Name}"),
        };
    }
}
