using System.Globalization;
using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Shared;

/// <summary>The words the UI shows for Core's enums and gap names (display only, no rule).</summary>
public static class Labels
{
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
