using System.Globalization;
using System.Text;

namespace PostMortem.Core.HandOff;

/// <summary>One all-day event of a calendar file.</summary>
/// <param name="Uid">Stable across downloads, so a calendar updates the event instead of adding a second one.</param>
/// <param name="Url">An absolute link back to the post-mortem, or null.</param>
public sealed record CalendarEvent(string Uid, DateOnly Date, string Summary, string Description, string? Url = null);

/// <summary>
/// iCalendar files (RFC 5545) for the hand-off: the follow-up meeting and each action's due date, as all-day events.
/// Pure: the stamp (DTSTAMP) is passed in. Lines end in CRLF, text values are escaped (backslash, semicolon, comma,
/// newline) and lines longer than 75 octets of UTF-8 are folded (CRLF and one space) without splitting a character.
/// </summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Longest line in octets, CRLF not counted (RFC 5545, 3.1).</summary>
    public const int MaxLineOctets = 75;

    private const string Domain = "postmortem";

    /// <summary>The follow-up meeting of a post-mortem on <paramref name="date"/>.</summary>
    public static CalendarEvent FollowUp(string boardId, string title, DateOnly date, string? url) =>
        new($"follow-up-{boardId}@{Domain}", date, $"Post-mortem follow-up: {title}",
            $"Review the actions of the post-mortem \"{title}\".", url);

    /// <summary>An action's due date.</summary>
    public static CalendarEvent ActionDue(string boardId, string noteId, string incidentTitle, string actionText, string? owner, DateOnly dueDate, string? url) =>
        new($"action-{boardId}-{noteId}@{Domain}", dueDate, $"Action due: {OneLine(actionText)}",
            $"{actionText}\n\nOwner: {(string.IsNullOrWhiteSpace(owner) ? "not set" : owner)}\nFrom the post-mortem: {incidentTitle}", url);

    /// <summary>The whole file, ready to send as <see cref="ContentType"/>.</summary>
    public static string Write(IReadOnlyList<CalendarEvent> events, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//PostMortem//Hand-off//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        foreach (var e in events)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, "UID:" + Escape(e.Uid));
            Line(ics, "DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            // All-day: a DATE start and the next day as the (exclusive) end (RFC 5545, 3.6.1).
            Line(ics, "DTSTART;VALUE=DATE:" + Date(e.Date));
            Line(ics, "DTEND;VALUE=DATE:" + Date(e.Date.AddDays(1)));
            Line(ics, "SUMMARY:" + Escape(e.Summary));
            Line(ics, "DESCRIPTION:" + Escape(e.Url is null ? e.Description : $"{e.Description}\n\n{e.Url}"));
            if (e.Url is not null)
            {
                // URL is a URI value, not text: no escaping.
                Line(ics, "URL:" + e.Url);
            }

            // A reminder of a date, not a meeting that blocks the day.
            Line(ics, "TRANSP:TRANSPARENT");
            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>A TEXT value (RFC 5545, 3.3.11): \ ; , escaped, every line break as \n, other control characters dropped.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            switch (ch)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': escaped.Append(@"\n"); break;
                default:
                    if (!char.IsControl(ch) || ch == '\t')
                    {
                        escaped.Append(ch);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Appends one content line, folded at <see cref="MaxLineOctets"/> octets, and CRLF.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            // A character and its low surrogate are measured and moved together.
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > MaxLineOctets)
            {
                ics.Append("\r\n ");
                octets = 1; // the leading space of the continuation line counts
            }

            ics.Append(line, i, length);
            octets += size;
            i += length - 1;
        }

        ics.Append("\r\n");
    }

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
