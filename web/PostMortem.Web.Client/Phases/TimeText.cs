using System.Globalization;

namespace PostMortem.Web.Client.Phases;

public enum TimeStyle
{
    DateTime,
    Time,
    Date,
}

/// <summary>Board times are stored in UTC and shown in the incident's time zone (an IANA id).</summary>
public static class TimeText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone(string zone)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    /// <summary>"Tue 3 Mar, 16:47" (or only the time, or only the date) in the zone.</summary>
    public static string Format(DateTimeOffset? at, string zone, TimeStyle style = TimeStyle.DateTime)
    {
        if (at is not { } value)
        {
            return "";
        }

        var local = TimeZoneInfo.ConvertTime(value, Zone(zone));
        return style switch
        {
            TimeStyle.Time => local.ToString("HH:mm", English),
            TimeStyle.Date => local.ToString("ddd d MMM yyyy", English),
            _ => local.ToString("ddd d MMM, HH:mm", English),
        };
    }

    /// <summary>The value of a datetime-local input ("yyyy-MM-ddTHH:mm") for a UTC instant, as wall time in the zone.</summary>
    public static string ToZonedInput(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, Zone(zone)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A datetime-local input's value read as wall time in the zone; null when it is not a time.</summary>
    public static DateTimeOffset? FromZonedInput(string? local, string zone)
    {
        if (!DateTime.TryParseExact(local, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return null;
        }

        var tz = Zone(zone);
        var offset = tz.IsInvalidTime(wall) ? tz.GetUtcOffset(wall.AddHours(1)) : tz.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    public static string Minutes(long minutes)
    {
        if (minutes < 60)
        {
            return $"{minutes} min";
        }

        var h = minutes / 60;
        var m = minutes % 60;
        return m == 0 ? $"{h} h" : $"{h} h {m} min";
    }
}
