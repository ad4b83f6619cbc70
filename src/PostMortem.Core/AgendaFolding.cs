using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// Where a phase's content is shown when the agenda leaves the phase out: on the screen of the nearest agenda phase
/// before it (contributing factors under root cause in the 60-minute agenda). The current phase's screen is in
/// <see cref="Affordances.ScreenPhases"/>; this answers the same for any phase tab a viewer opens (e.g. looking back
/// at root cause once the meeting moved on), so no client works the folding out itself.
/// </summary>
public static class AgendaFolding
{
    private static readonly Phase[] AllPhases = Enum.GetValues<Phase>();

    /// <summary>
    /// The phases whose content belongs on <paramref name="phase"/>'s screen, in meeting order: the phase and those
    /// folded into it. Empty for a phase that is itself folded into another (it has no screen of its own).
    /// </summary>
    public static IReadOnlyList<Phase> ScreenPhases(IReadOnlyList<AgendaSlot> agenda, Phase phase)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        var screen = new List<Phase>();
        foreach (var p in AllPhases)
        {
            if (Agendas.Effective(agenda, p) == phase)
            {
                screen.Add(p);
            }
        }

        return screen;
    }

    /// <summary>The agenda phase whose screen shows <paramref name="phase"/>'s content: itself, or the one it is folded into.</summary>
    public static Phase ShownOn(IReadOnlyList<AgendaSlot> agenda, Phase phase)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        return Agendas.Effective(agenda, phase);
    }
}
