using System.Text.RegularExpressions;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Reads pasted pre-work lines: "2026-03-03 16:47 API change deployed" or "2026-03-03T16:47:05 ...",
/// optionally followed by a separator ("-", "–", "—", "|") and a signal marker ("[signal]" or "signal:",
/// any case) that sends the line to the signal lane. "!" is deliberately not a marker: text such as
/// "!!! checkout down" is common in pasted chat lines. Times are wall-clock times in the board's zone.
/// </summary>
internal static partial class TimelineImport
{
    public sealed record Line(int Number, DateTimeOffset OccurredAt, NoteKind Kind, string Text);

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?=\s|$|[-–—|])", RegexOptions.CultureInvariant)]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^(?:\[signal\]|signal:)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SignalMarker();

    public static void Parse(string text, TimeZoneInfo zone, List<Line> good, List<ImportLineError> errors)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var number = i + 1;
            var line = raw.Trim();
            var m = Stamp().Match(line);
            if (!m.Success)
            {
                errors.Add(Error(number, raw, "no time at the start of the line (expected yyyy-MM-dd HH:mm)"));
                continue;
            }

            if (!TryDate(m, out var local))
            {
                errors.Add(Error(number, raw, "not a valid date or time"));
                continue;
            }

            if (TimeZones.ToUtc(local, zone) is not { } utc)
            {
                errors.Add(Error(number, raw, $"this time does not exist in {zone.Id} (daylight-saving change)"));
                continue;
            }

            var rest = SkipSeparator(line.AsSpan(m.Length));
            var kind = NoteKind.Event;
            var marker = SignalMarker().Match(rest.ToString());
            if (marker.Success)
            {
                kind = NoteKind.Signal;
                rest = SkipSeparator(rest[marker.Length..]);
            }

            var body = rest.Trim().ToString();
            if (body.Length == 0)
            {
                errors.Add(Error(number, raw, "no text after the time"));
                continue;
            }

            if (body.Length > Limits.NoteTextLength)
            {
                errors.Add(Error(number, raw, $"text longer than {Limits.NoteTextLength} characters"));
                continue;
            }

            good.Add(new Line(number, utc, kind, body));
        }
    }

    public static int CountLines(string text)
    {
        var count = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Error lines are echoed back shortened: enough to find them, not a second copy of the paste.</summary>
    public static ImportLineError Error(int number, string raw, string reason) =>
        new(number, raw.Length > 200 ? string.Concat(raw.AsSpan(0, 200), "…") : raw, reason);

    private static ReadOnlySpan<char> SkipSeparator(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart();
        if (rest.Length > 0 && rest[0] is '-' or '–' or '—' or '|')
        {
            rest = rest[1..].TrimStart();
        }

        return rest;
    }

    private static bool TryDate(Match m, out DateTime local)
    {
        local = default;
        var year = Number(m.Groups[1].ValueSpan);
        var month = Number(m.Groups[2].ValueSpan);
        var day = Number(m.Groups[3].ValueSpan);
        var hour = Number(m.Groups[4].ValueSpan);
        var minute = Number(m.Groups[5].ValueSpan);
        var second = m.Groups[6].Success ? Number(m.Groups[6].ValueSpan) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var d in digits)
        {
            n = (n * 10) + (d - '0');
        }

        return n;
    }
}
