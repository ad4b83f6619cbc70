using System.Globalization;
using PostMortem.Web.Client.Shared;

namespace PostMortem.Web.Client.Phases;

public enum TimeStyle
{
    DateTime,
    Time,
    Date,
}

/// <summary>Board times are stored in UTC and shown in the incident's time zone (an IANA id); datetime-local inputs read and write wall time there.</summary>
public static class TimeText
{
    public static TimeZoneInfo Zone(string? zone) =>
        string.IsNullOrEmpty(zone) || zone is "UTC" || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? TimeZoneInfo.Utc : info;

    /// <summary>"Tue 3 Mar, 16:47" (or "16:47", or "Tue 3 Mar 2026") in the zone; the words are <see cref="ZonedTime"/>'s.</summary>
    public static string Format(DateTimeOffset? at, string? zone, TimeStyle style = TimeStyle.DateTime)
    {
        if (at is not { } value)
        {
            return "";
        }

        return style switch
        {
            TimeStyle.Time => ZonedTime.In(value, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeStyle.Date => ZonedTime.Date(value, zone),
            _ => ZonedTime.DateTime(value, zone),
        };
    }

    /// <summary>The value of a datetime-local input ("yyyy-MM-ddTHH:mm") for a UTC instant, as wall time in the zone.</summary>
    public static string ToZonedInput(DateTimeOffset at, string? zone) =>
        TimeZoneInfo.ConvertTime(at, Zone(zone)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A datetime-local input's value read as wall time in the zone; null when it is not a time.</summary>
    public static DateTimeOffset? FromZonedInput(string? local, string? zone)
    {
        if (!DateTime.TryParseExact(local, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return null;
        }

        var tz = Zone(zone);
        // A wall time skipped by a clock change is read an hour later, as the clock showed it.
        var offset = tz.IsInvalidTime(wall) ? tz.GetUtcOffset(wall.AddHours(1)) : tz.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }
}
