using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Agenda rules. A phase missing from the agenda is folded into the nearest agenda phase before it:
/// it is skipped when moving through the meeting and locked together with that phase.
/// </summary>
internal static class Agendas
{
    public static Rejection? Build(AgendaPreset preset, IReadOnlyList<AgendaSlot>? custom, out List<AgendaSlot> agenda)
    {
        agenda = [];
        if (!Rules.IsDefined(preset))
        {
            return Rules.Reject(RejectionCodes.InvalidValue, "unknown agenda preset");
        }

        if (preset != AgendaPreset.Custom)
        {
            agenda.AddRange(BoardDefaults.Agenda(preset));
            return null;
        }

        if (custom is null || custom.Count == 0)
        {
            return Rules.Reject(RejectionCodes.InvalidValue, "a custom agenda needs its phases and minutes");
        }

        var previous = -1;
        foreach (var slot in custom)
        {
            if (slot is null || !Rules.IsDefined(slot.Phase))
            {
                return Rules.Reject(RejectionCodes.InvalidValue, "unknown phase in the agenda");
            }

            if ((int)slot.Phase <= previous)
            {
                return Rules.Reject(RejectionCodes.InvalidValue, "agenda phases must be listed once each, in meeting order");
            }

            if (slot.Minutes < BoardDefaults.MinPhaseMinutes || slot.Minutes > BoardDefaults.MaxPhaseMinutes)
            {
                return Rules.Reject(RejectionCodes.InvalidValue, $"each phase takes {BoardDefaults.MinPhaseMinutes} to {BoardDefaults.MaxPhaseMinutes} minutes");
            }

            previous = (int)slot.Phase;
            agenda.Add(new AgendaSlot(slot.Phase, slot.Minutes));
        }

        // The meeting starts by setting the room; every other phase may be folded away.
        if (agenda[0].Phase != Phase.SetTheRoom)
        {
            return Rules.Reject(RejectionCodes.InvalidValue, "the agenda must start with setting the room");
        }

        return null;
    }

    public static bool Contains(IReadOnlyList<AgendaSlot> agenda, Phase phase)
    {
        foreach (var slot in agenda)
        {
            if (slot.Phase == phase)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The agenda phase that holds <paramref name="phase"/>: itself, or the one it is folded into.</summary>
    public static Phase Effective(IReadOnlyList<AgendaSlot> agenda, Phase phase)
    {
        var result = phase;
        var found = false;
        foreach (var slot in agenda)
        {
            if (slot.Phase <= phase)
            {
                result = slot.Phase;
                found = true;
            }
        }

        return found ? result : phase;
    }

    public static Phase? Next(IReadOnlyList<AgendaSlot> agenda, Phase current)
    {
        foreach (var slot in agenda)
        {
            if (slot.Phase > current)
            {
                return slot.Phase;
            }
        }

        return null;
    }

    public static Phase? Previous(IReadOnlyList<AgendaSlot> agenda, Phase current)
    {
        Phase? result = null;
        foreach (var slot in agenda)
        {
            if (slot.Phase < current)
            {
                result = slot.Phase;
            }
        }

        return result;
    }

    public static int Minutes(IReadOnlyList<AgendaSlot> agenda, Phase phase)
    {
        var effective = Effective(agenda, phase);
        foreach (var slot in agenda)
        {
            if (slot.Phase == effective)
            {
                return slot.Minutes;
            }
        }

        return 5;
    }

    public static string Describe(Phase phase) => phase switch
    {
        Phase.SetTheRoom => "set the room",
        Phase.Timeline => "timeline",
        Phase.RootCause => "root cause",
        Phase.ContributingFactors => "contributing factors",
        Phase.Actions => "actions",
        _ => "close",
    };
}
