using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Board details, agenda, phases, locks, timer and close.
internal static partial class Reducer
{
    private static Rejection? Details(string title, int severity, IncidentType type, out string trimmedTitle)
    {
        if (RequiredText(title, Limits.TitleLength, "the title", out trimmedTitle) is { } r)
        {
            return r;
        }

        if (severity is < 1 or > 5)
        {
            return Reject(RejectionCodes.InvalidValue, "severity is 1 (worst) to 5");
        }

        return IsDefined(type) ? null : Reject(RejectionCodes.InvalidValue, "unknown incident type");
    }

    private static Rejection? OnCreateBoard(ApplyContext ctx, CreateBoard c)
    {
        if (Details(c.Title, c.Severity, c.IncidentType, out var title) is { } r1)
        {
            return r1;
        }

        if (RequiredText(c.FacilitatorName, Limits.NameLength, "the facilitator's name", out var name) is { } r2)
        {
            return r2;
        }

        if (Agendas.Build(c.AgendaPreset, c.CustomAgenda, out var agenda) is { } r3)
        {
            return r3;
        }

        var zone = string.IsNullOrEmpty(c.TimeZone) ? "UTC" : c.TimeZone;
        if (TimeZones.Find(zone) is null)
        {
            return Reject(RejectionCodes.InvalidTimeZone, "unknown time zone: use an IANA id such as Europe/Berlin");
        }

        if (OptionalText(c.PrimeDirective, Limits.PrimeDirectiveLength, "the Prime Directive", out var directive) is { } r4)
        {
            return r4;
        }

        if (ValidActor(ctx.ActorId) is { } r5)
        {
            return r5;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var meta = ctx.Meta;
        meta.Created = true;
        meta.Title = title;
        meta.IncidentAt = c.IncidentAt.ToUniversalTime();
        meta.IncidentType = c.IncidentType;
        meta.Severity = c.Severity;
        meta.TimeZone = zone;
        meta.CreatedAt = ctx.At;
        meta.CreatorId = ctx.ActorId;
        meta.FacilitatorId = ctx.ActorId;
        meta.AgendaPreset = c.AgendaPreset;
        meta.Agenda = agenda;
        meta.Phase = Phase.SetTheRoom;
        meta.PrimeDirective = directive.Length == 0 ? BoardDefaults.PrimeDirective : directive;
        meta.VotesPerParticipant = BoardDefaults.VotesPerParticipant;
        var secrets = c.Secrets ?? new BoardSecrets();
        ctx.State.Secrets = new BoardSecrets
        {
            JoinCodeHash = secrets.JoinCodeHash ?? "",
            FacilitatorSecretHash = secrets.FacilitatorSecretHash ?? "",
            ReadKeyHash = secrets.ReadKeyHash ?? "",
        };
        var facilitator = new Participant { Id = ctx.ActorId, Name = name, Role = Role.Facilitator, JoinedAt = ctx.At };
        ctx.State.Participants[facilitator.Id] = facilitator;
        ctx.TouchMeta();
        ctx.Emit(new ParticipantChanged(Cloning.Clone(facilitator)));
        return null;
    }

    private static Rejection? OnUpdateDetails(ApplyContext ctx, UpdateDetails c)
    {
        if (Details(c.Title, c.Severity, c.IncidentType, out var title) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.Title = title;
        ctx.Meta.IncidentAt = c.IncidentAt.ToUniversalTime();
        ctx.Meta.IncidentType = c.IncidentType;
        ctx.Meta.Severity = c.Severity;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnSetAgenda(ApplyContext ctx, SetAgenda c)
    {
        if (Agendas.Build(c.Preset, c.CustomAgenda, out var agenda) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var meta = ctx.Meta;
        meta.AgendaPreset = c.Preset;
        meta.Agenda = agenda;
        // The meeting stays where it is; if that phase left the agenda it is now part of the one before.
        var effective = Agendas.Effective(agenda, meta.Phase);
        if (effective != meta.Phase)
        {
            meta.Phase = effective;
            ResetTimerState(meta.Timer);
        }

        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnSetTimeZone(ApplyContext ctx, SetTimeZone c)
    {
        if (TimeZones.Find(c.TimeZone) is null)
        {
            return Reject(RejectionCodes.InvalidTimeZone, "unknown time zone: use an IANA id such as Europe/Berlin");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.TimeZone = c.TimeZone;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnSetPrimeDirective(ApplyContext ctx, SetPrimeDirective c)
    {
        if (RequiredText(c.Text, Limits.PrimeDirectiveLength, "the Prime Directive", out var text) is { } r)
        {
            return r;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.PrimeDirective = text;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnShowPrimeDirective(ApplyContext ctx, ShowPrimeDirective c)
    {
        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.PrimeDirectiveShown = c.Shown;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? MovePhase(ApplyContext ctx, bool forward)
    {
        var meta = ctx.Meta;
        var target = forward ? Agendas.Next(meta.Agenda, meta.Phase) : Agendas.Previous(meta.Agenda, meta.Phase);
        if (target is not { } phase)
        {
            return Reject(RejectionCodes.NoPhase, forward ? "this is the last phase" : "this is the first phase");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        meta.Phase = phase;
        ResetTimerState(meta.Timer);
        ctx.TouchMeta();

        // "Ready" means ready with this phase: a new phase starts with nobody ready.
        foreach (var p in Sorted.Participants(ctx.State))
        {
            if (p.Ready)
            {
                p.Ready = false;
                ctx.Emit(new ParticipantChanged(Cloning.Clone(p)));
            }
        }

        return null;
    }

    private static Rejection? SetPhaseLock(ApplyContext ctx, Phase phase, bool locked)
    {
        if (!IsDefined(phase))
        {
            return Reject(RejectionCodes.InvalidValue, "unknown phase");
        }

        var list = ctx.Meta.LockedPhases;
        if (list.Contains(phase) == locked || ctx.DryRun)
        {
            return null;
        }

        if (locked)
        {
            // Kept in phase order so equal boards serialise equally whatever order the locks came in.
            var index = 0;
            while (index < list.Count && list[index] < phase)
            {
                index++;
            }

            list.Insert(index, phase);
        }
        else
        {
            list.Remove(phase);
        }

        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnLockBoard(ApplyContext ctx)
    {
        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.BoardLocked = true;
        ctx.Meta.ClosedAt = ctx.At;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnUnlockBoard(ApplyContext ctx)
    {
        if (!ctx.Meta.BoardLocked || ctx.DryRun)
        {
            return null;
        }

        // ClosedAt stays: the meeting did close then; locking again records the new time.
        ctx.Meta.BoardLocked = false;
        ctx.TouchMeta();
        return null;
    }

    // ---- Timer ----------------------------------------------------------------------------------

    private static void ResetTimerState(TimerState t)
    {
        t.Status = TimerStatus.Idle;
        t.Phase = null;
        t.DurationMs = 0;
        t.EndsAt = null;
        t.RemainingMs = 0;
    }

    private static Rejection? OnStartTimer(ApplyContext ctx, StartTimer c)
    {
        var meta = ctx.Meta;
        var seconds = c.DurationSeconds ?? Agendas.Minutes(meta.Agenda, meta.Phase) * 60;
        if (seconds < 1 || seconds > Limits.MaxTimerSeconds)
        {
            return Reject(RejectionCodes.InvalidValue, $"a timer runs 1 to {Limits.MaxTimerSeconds} seconds");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var t = meta.Timer;
        t.Status = TimerStatus.Running;
        t.Phase = meta.Phase;
        t.DurationMs = seconds * 1000L;
        t.EndsAt = ctx.At.AddMilliseconds(t.DurationMs);
        t.RemainingMs = 0;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnPauseTimer(ApplyContext ctx)
    {
        var t = ctx.Meta.Timer;
        if (t.Status != TimerStatus.Running)
        {
            return Reject(RejectionCodes.TimerNotRunning, "the timer is not running");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        t.RemainingMs = t.RemainingMsAt(ctx.At);
        t.EndsAt = null;
        t.Status = TimerStatus.Paused;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnResumeTimer(ApplyContext ctx)
    {
        var t = ctx.Meta.Timer;
        if (t.Status != TimerStatus.Paused)
        {
            return Reject(RejectionCodes.TimerNotPaused, "the timer is not paused");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        t.EndsAt = ctx.At.AddMilliseconds(t.RemainingMs);
        t.RemainingMs = 0;
        t.Status = TimerStatus.Running;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnExtendTimer(ApplyContext ctx, ExtendTimer c)
    {
        var t = ctx.Meta.Timer;
        if (c.Seconds < 1 || c.Seconds > Limits.MaxTimerSeconds)
        {
            return Reject(RejectionCodes.InvalidValue, $"extend by 1 to {Limits.MaxTimerSeconds} seconds");
        }

        if (t.Status == TimerStatus.Idle)
        {
            return Reject(RejectionCodes.TimerNotRunning, "the timer is not running");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var ms = c.Seconds * 1000L;
        if (t.Status == TimerStatus.Running)
        {
            // Extending a timer that already ran out adds to now: "two more minutes" means two from now.
            var end = t.EndsAt ?? ctx.At;
            t.EndsAt = (end < ctx.At ? ctx.At : end).AddMilliseconds(ms);
        }
        else
        {
            t.RemainingMs += ms;
        }

        t.DurationMs += ms;
        ctx.TouchMeta();
        return null;
    }

    private static Rejection? OnResetTimer(ApplyContext ctx)
    {
        if (ctx.DryRun)
        {
            return null;
        }

        ResetTimerState(ctx.Meta.Timer);
        ctx.TouchMeta();
        return null;
    }

    // ---- Close ----------------------------------------------------------------------------------

    private static Rejection? OnSetClose(ApplyContext ctx, SetClose c)
    {
        if (OptionalText(c.Summary, Limits.SummaryLength, "the summary", out var summary) is { } r1)
        {
            return r1;
        }

        if (OptionalText(c.Impact, Limits.SummaryLength, "the impact", out var impact) is { } r2)
        {
            return r2;
        }

        if (ctx.DryRun)
        {
            return null;
        }

        ctx.Meta.Summary = summary;
        ctx.Meta.Impact = impact;
        ctx.Meta.FollowUpDate = c.FollowUpDate;
        ctx.TouchMeta();
        return null;
    }

    /// <summary>A name signs once: signing again with the same name (ignoring case) is accepted and changes nothing,
    /// so a reader who clicks twice or retries from another device is not shown an error.</summary>
    private static Rejection? SignOff(ApplyContext ctx, SignOffActions c)
    {
        if (RequiredText(c.Name, Limits.NameLength, "your name", out var name) is { } r)
        {
            return r;
        }

        foreach (var s in ctx.State.SignOffs)
        {
            if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        if (ctx.State.SignOffs.Count >= Limits.SignOffsPerBoard)
        {
            return Reject(RejectionCodes.TooMany, $"a board takes at most {Limits.SignOffsPerBoard} sign-offs");
        }

        if (ctx.DryRun)
        {
            return null;
        }

        var signOff = new SignOff(name, ctx.ActorId, ctx.At);
        ctx.State.SignOffs.Add(signOff);
        ctx.Emit(new SignOffAdded(signOff));
        return null;
    }
}
