using System.Globalization;
using System.Text.Json;
using PostMortem.Core.Model;

namespace PostMortem.Web.Client.Board;

/// <summary>The words and formats the board frame shows for Core's values (display only, no rule).</summary>
public static class BoardText
{
    public static string PhaseName(Phase phase) => phase switch
    {
        Phase.SetTheRoom => "Set the room",
        Phase.Timeline => "Timeline",
        Phase.RootCause => "Root cause",
        Phase.ContributingFactors => "Contributing factors",
        Phase.Actions => "Actions",
        Phase.Close => "Close and share",
        _ => phase.ToString(),
    };

    public static string IncidentTypeName(IncidentType type) => type switch
    {
        IncidentType.Deployment => "Deployment",
        IncidentType.Integration => "Integration",
        IncidentType.External => "External",
        IncidentType.Process => "Process",
        IncidentType.Other => "Other",
        _ => type.ToString(),
    };

    /// <summary>The enum as it travels on the wire ("setTheRoom"): the CSS classes and data attributes the first client used.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A countdown: 90 500 ms → "1:31" (seconds rounded up, as a countdown reads).</summary>
    public static string Duration(TimeSpan time)
    {
        var total = Math.Max(0, (long)Math.Ceiling(time.TotalMilliseconds / 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{total % 60:00}");
    }

    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

    /// <summary>"Tue 3 Mar, 15:47" in the board's time zone (UTC when the zone is unknown here). Names are written out:
    /// the client runs globalization-invariant, without culture data.</summary>
    public static string InZone(DateTimeOffset at, string zone)
    {
        var tz = string.IsNullOrEmpty(zone) || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? TimeZoneInfo.Utc : found;
        var local = TimeZoneInfo.ConvertTime(at, tz);
        return string.Create(CultureInfo.InvariantCulture, $"{Days[(int)local.DayOfWeek]} {local.Day} {Months[local.Month - 1]}, {local.Hour:00}:{local.Minute:00}");
    }
}
