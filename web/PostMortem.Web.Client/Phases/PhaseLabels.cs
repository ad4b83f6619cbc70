using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Phases;

/// <summary>The words the board uses for Core's enums (the same as the first client's labels).</summary>
public static class PhaseLabels
{
    public static string Phase(Phase phase) => phase switch
    {
        Core.Model.Phase.SetTheRoom => "Set the room",
        Core.Model.Phase.Timeline => "Timeline",
        Core.Model.Phase.RootCause => "Root cause",
        Core.Model.Phase.ContributingFactors => "Contributing factors",
        Core.Model.Phase.Actions => "Actions",
        Core.Model.Phase.Close => "Close and share",
        _ => phase.ToString(),
    };

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

    public static string KeyMoment(KeyMoment moment) => moment switch
    {
        Core.Model.KeyMoment.Trigger => "Trigger",
        Core.Model.KeyMoment.ImpactStart => "Impact starts",
        Core.Model.KeyMoment.Detected => "Detected",
        Core.Model.KeyMoment.Mitigated => "Mitigated",
        Core.Model.KeyMoment.Resolved => "Resolved",
        _ => moment.ToString(),
    };

    public static string Gap(string name) => name switch
    {
        "changeToSymptom" => "Change → first symptom",
        "symptomToDetection" => "Symptom → detection",
        "detectionToResolution" => "Detection → resolution",
        "detectionToMitigation" => "Detection → mitigation",
        "mitigationToResolution" => "Mitigation → resolution",
        _ => Words(name),
    };

    public static string ActionKind(ActionKind kind) => kind switch
    {
        Core.Model.ActionKind.ShortTerm => "Short-term fix",
        Core.Model.ActionKind.LongTerm => "Long-term improvement",
        _ => kind.ToString(),
    };

    /// <summary>"someGapName" → "Some gap name".</summary>
    private static string Words(string camel)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }

        return text.ToString();
    }
}
