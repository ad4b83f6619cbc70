using System.Globalization;

namespace PostMortem.Web.Client.Shared;

/// <summary>
/// Instants shown as wall time in the incident's IANA time zone, worded like the first client ("Tue 3 Mar, 16:47").
/// The names are written out here: the web projects run globalization-invariant, without culture data.
/// </summary>
public static class ZonedTime
{
    private static readonly string[] _days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] _months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

    /// <summary>"Tue 3 Mar, 16:47".</summary>
    public static string DateTime(DateTimeOffset at, string? zone)
    {
        var local = In(at, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{_days[(int)local.DayOfWeek]} {local.Day} {_months[local.Month - 1]}, {local.Hour:00}:{local.Minute:00}");
    }

    /// <summary>"Tue 3 Mar 2026".</summary>
    public static string Date(DateTimeOffset at, string? zone)
    {
        var local = In(at, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{_days[(int)local.DayOfWeek]} {local.Day} {_months[local.Month - 1]} {local.Year}");
    }

    /// <summary>A wall time in the zone as an instant; null when the zone is not one this machine knows.</summary>
    public static DateTimeOffset? FromWallTime(DateTime wall, string zone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info))
        {
            return null;
        }

        var unspecified = System.DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        var offset = info.IsInvalidTime(unspecified) ? info.GetUtcOffset(unspecified.AddHours(1)) : info.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }

    /// <summary>The instant in the zone; an unknown zone shows UTC.</summary>
    public static DateTimeOffset In(DateTimeOffset at, string? zone) => TimeZoneInfo.ConvertTime(at, Find(zone));

    private static TimeZoneInfo Find(string? zone)
    {
        if (string.IsNullOrEmpty(zone) || zone is "UTC" or "Etc/UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info) ? info : TimeZoneInfo.Utc;
    }
}
