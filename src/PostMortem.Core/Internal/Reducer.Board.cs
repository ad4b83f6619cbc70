using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Rules;

namespace PostMortem.Core.Internal;

// Board details, agenda, time zone and the prime directive.
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

        if (Anonymity.Normalise(c.AnonymousPhases, out var anonymous) is { } r6)
        {
            return r6;
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
        meta.AnonymousPhases = anonymous;
        var secrets = c.Secrets ?? new BoardSecrets();
        ctx.State.Secrets = new BoardSecrets
        {
            JoinCodeHash = secrets.JoinCodeHash ?? "",
            FacilitatorSecretHash = secrets.FacilitatorSecretHash ?? "",
            ReadKeyHash = secrets.ReadKeyHash ?? "",
        };
        var facilitator = new Participant { Id = ctx.ActorId, Name = name, Role = Role.Facilitator, JoinedAt = ctx.At };
        ctx.State.ParticipantsById[facilitator.Id] = facilitator;
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
}
