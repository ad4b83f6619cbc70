using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// The phase timer: absolute end times from the log's clock (invariant 6).
internal static partial class Reducer
{
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
}
