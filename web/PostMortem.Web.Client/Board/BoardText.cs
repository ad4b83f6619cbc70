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

    /// <summary>"Tue 3 Mar, 15:47" in the board's time zone (UTC when the zone is unknown here).</summary>
    public static string InZone(DateTimeOffset at, string zone)
    {
        TimeZoneInfo tz;
        try
        {
            tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            tz = TimeZoneInfo.Utc;
        }

        var local = TimeZoneInfo.ConvertTime(at, tz);
        return local.ToString("ddd d MMM, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
    }
}
