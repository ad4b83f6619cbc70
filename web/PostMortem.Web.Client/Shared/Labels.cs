using System.Globalization;
using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Shared;

/// <summary>The words the UI shows for Core's enums and gap names (display only, no rule).</summary>
public static class Labels
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

    public static string IncidentStatus(IncidentStatus status) => status switch
    {
        Core.Model.IncidentStatus.FollowUp => "Follow-up",
        Core.Model.IncidentStatus.Complete => "Complete",
        _ => status.ToString(),
    };

    /// <summary>The enum value as the protocol writes it ("inProgress"), for form values and CSS classes.</summary>
    public static string Wire<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string IncidentType(IncidentType type) => type switch
    {
        Core.Model.IncidentType.Deployment => "Deployment",
        Core.Model.IncidentType.Integration => "Integration",
        Core.Model.IncidentType.External => "External",
        Core.Model.IncidentType.Process => "Process",
        Core.Model.IncidentType.Other => "Other",
        _ => type.ToString(),
    };

    public static string ActionKind(ActionKind kind) => kind switch
    {
        Core.Model.ActionKind.ShortTerm => "Short-term fix",
        Core.Model.ActionKind.LongTerm => "Long-term improvement",
        _ => kind.ToString(),
    };

    public static string ActionStatus(ActionStatus status) => status switch
    {
        Core.Model.ActionStatus.Open => "Open",
        Core.Model.ActionStatus.InProgress => "In progress",
        Core.Model.ActionStatus.Done => "Done",
        Core.Model.ActionStatus.WontDo => "Won't do",
        _ => status.ToString(),
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

    /// <summary>"changeToSymptom" → "Change → first symptom"; an unknown name is split at its capitals.</summary>
    public static string Gap(string name) => name switch
    {
        "changeToSymptom" => "Change → first symptom",
        "symptomToDetection" => "Symptom → detection",
        "detectionToResolution" => "Detection → resolution",
        "detectionToMitigation" => "Detection → mitigation",
        "mitigationToResolution" => "Mitigation → resolution",
        _ => SplitWords(name),
    };

    /// <summary>45 → "45 min", 120 → "2 h", 763 → "12 h 43 min".</summary>
    public static string Minutes(long minutes)
    {
        if (minutes < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
        }

        var h = minutes / 60;
        var m = minutes % 60;
        return m == 0 ? string.Create(CultureInfo.InvariantCulture, $"{h} h") : string.Create(CultureInfo.InvariantCulture, $"{h} h {m} min");
    }

    /// <summary>Only http(s) links are made clickable: a "javascript:" address typed into a field must never run.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string SplitWords(string name)
    {
        if (name.Length == 0)
        {
            return name;
        }

        var sb = new System.Text.StringBuilder(name.Length + 8);
        sb.Append(char.ToUpperInvariant(name[0]));
        foreach (var ch in name.AsSpan(1))
        {
            if (char.IsUpper(ch))
            {
                sb.Append(' ');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}
