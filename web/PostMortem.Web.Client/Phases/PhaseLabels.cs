using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Phases;

/// <summary>Each phase's one-line hint, as the first client worded it (the other labels are <see cref="Shared.Labels"/>).</summary>
public static class PhaseLabels
{
    public static string Hint(Phase phase) => phase switch
    {
        Core.Model.Phase.SetTheRoom => "Learning, not blame. Agree on how we work today.",
        Core.Model.Phase.Timeline => "Facts only: what happened, and which signals were noticed or missed.",
        Core.Model.Phase.RootCause => "Ask why until the answer is something engineering work can change.",
        Core.Model.Phase.ContributingFactors => "What made it worse or harder to catch?",
        Core.Model.Phase.Actions => "Brainstorm, vote, pick two or three. Each needs one owner and a date.",
        Core.Model.Phase.Close => "Summary, follow-up date, and the write-up.",
        _ => "",
    };
}
