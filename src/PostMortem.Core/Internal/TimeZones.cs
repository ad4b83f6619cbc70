using System.Collections.Concurrent;

namespace PostMortem.Core.Internal;

/// <summary>
/// IANA time zones. Reading the system's zone database is the one environmental input Core accepts: it
/// is data, not a clock, and it is the same on every replica built from the same image. "UTC" needs no
/// database so a bare container still works.
/// </summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> _cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !IsIanaShaped(id))
        {
            return null;
        }

        if (id is "UTC" or "Etc/UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return _cache.GetOrAdd(id, static key =>
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(key);
            }
            catch (TimeZoneNotFoundException)
            {
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                return null;
            }
        });
    }

    public static TimeZoneInfo FindOrUtc(string? id) => Find(id) ?? TimeZoneInfo.Utc;

    /// <summary>"Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5": no spaces (Windows ids), no "..".</summary>
    private static bool IsIanaShaped(string id)
    {
        if (id[0] == '/' || id[^1] == '/' || id.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var ch in id)
        {
            if (!(Rules.IsIdChar(ch) || ch is '/' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Local wall-clock time in the zone → UTC; null for a time skipped by a daylight-saving jump.</summary>
    public static DateTimeOffset? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            return null;
        }

        // An ambiguous time (the repeated hour in autumn) is read as standard time, as ConvertTimeToUtc does.
        var offset = zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    public static string FormatLocal(DateTimeOffset utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
