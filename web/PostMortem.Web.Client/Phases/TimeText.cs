using System.Globalization;

namespace PostMortem.Web.Client.Phases;

public enum TimeStyle
{
    DateTime,
    Time,
    Date,
}

/// <summary>
/// Board times are stored in UTC and shown in the incident's time zone (an IANA id). Names of days and months are
/// written out: the client runs globalization-invariant.
/// </summary>
public static class TimeText
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static TimeZoneInfo Zone(string? zone) =>
        string.IsNullOrEmpty(zone) || zone is "UTC" || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? TimeZoneInfo.Utc : info;

    /// <summary>"Tue 3 Mar, 16:47" (or "16:47", or "Tue 3 Mar 2026") in the zone.</summary>
    public static string Format(DateTimeOffset? at, string? zone, TimeStyle style = TimeStyle.DateTime)
    {
        if (at is not { } value)
        {
            return "";
        }

        var l = TimeZoneInfo.ConvertTime(value, Zone(zone));
        return style switch
        {
            TimeStyle.Time => string.Create(CultureInfo.InvariantCulture, $"{l.Hour:00}:{l.Minute:00}"),
            TimeStyle.Date => string.Create(CultureInfo.InvariantCulture, $"{Days[(int)l.DayOfWeek]} {l.Day} {Months[l.Month - 1]} {l.Year}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{Days[(int)l.DayOfWeek]} {l.Day} {Months[l.Month - 1]}, {l.Hour:00}:{l.Minute:00}"),
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
}
