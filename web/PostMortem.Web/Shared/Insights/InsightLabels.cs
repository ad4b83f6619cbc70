using PostMortem.Core.Model;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Web.Shared.Insights;

/// <summary>The words and units the insights page shows for the report's keys and numbers (display only).</summary>
public static class InsightLabels
{
    /// <summary>An incident type's key (camelCase) as its label.</summary>
    public static string Type(string key) =>
        Enum.TryParse<IncidentType>(key, ignoreCase: true, out var type) ? Labels.IncidentType(type) : key;

    public static string Severity(string key) => $"Severity {key}";

    /// <summary>Minutes as hours, to one decimal: the unit the response-time chart and tables use.</summary>
    public static double? Hours(double? minutes) => minutes is { } m ? Math.Round(m / 60, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>"16 h 13 min", "45 min", or "–" for no measurement.</summary>
    public static string Duration(double? minutes)
    {
        if (minutes is not { } m)
        {
            return "–";
        }

        var whole = (long)Math.Round(m, MidpointRounding.AwayFromZero);
        return whole >= 60 ? $"{whole / 60} h {whole % 60} min" : $"{whole} min";
    }

    public static string StartedWith(string? key) => key switch
    {
        "impactStart" => "impact start",
        "trigger" => "trigger",
        _ => "–",
    };
}
