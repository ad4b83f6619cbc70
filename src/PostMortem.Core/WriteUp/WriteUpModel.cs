using System.Globalization;
using System.Text;
using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core.WriteUp;

/// <summary>The one-page write-up: what the meeting produced, ready to render or export.</summary>
public sealed record WriteUpModel(
    string BoardId,
    string Title,
    DateTimeOffset IncidentAt,
    IncidentType IncidentType,
    int Severity,
    string TimeZone,
    string Summary,
    string Impact,
    IReadOnlyList<WriteUpTimelineRow> Timeline,
    IReadOnlyList<TimelineGap> Gaps,
    string? LargestGap,
    string? RootCause,
    IReadOnlyList<WriteUpChain> Chains,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<WriteUpAction> Actions,
    DateOnly? FollowUpDate,
    IReadOnlyList<SignOff> SignOffs,
    DateTimeOffset? ClosedAt)
{
    /// <summary>Longest slug kept, cut at a word boundary: long titles still give a readable name.</summary>
    public const int FileNameSlugLength = 60;

    /// <summary>
    /// The name an exported file of this write-up gets: the incident's date in the board's time zone and a slug of the
    /// title, e.g. <c>2026-03-03-pause-subscription-broke-reconciliation.md</c>. Only lower-case ASCII letters, digits
    /// and '-' (accents are dropped, anything else separates words), so it is safe in a Content-Disposition header and
    /// on every file system; a title with nothing left gives "post-mortem".
    /// </summary>
    /// <param name="extension">Without the dot: "md", "json"; ASCII letters and digits only.</param>
    public string FileName(string extension)
    {
        ArgumentException.ThrowIfNullOrEmpty(extension);
        foreach (var ch in extension)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                throw new ArgumentException("An extension is ASCII letters and digits, without the dot.", nameof(extension));
            }
        }

        var date = TimeZoneInfo.ConvertTime(IncidentAt, TimeZones.FindOrUtc(TimeZone)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{date}-{Slug(Title)}.{extension}";
    }

    // Latin letters with accents and their plain letter, by position. A table rather than Unicode decomposition: the
    // server runs in globalization-invariant mode, where string.Normalize leaves "é" whole.
    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőùúûüūůűųýÿźżžśšşťţŕř";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooouuuuuuuuyyzzzsssttrr";

    private static char Unaccented(char ch)
    {
        var i = Accented.IndexOf(char.ToLowerInvariant(ch), StringComparison.Ordinal);
        return i < 0 ? ch : Plain[i];
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder(Math.Min(title.Length, FileNameSlugLength + 1));
        var pendingDash = false;
        foreach (var original in title)
        {
            var ch = Unaccented(original);
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingDash = false;
                slug.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is not ('\'' or '\u2019'))
            {
                pendingDash = true; // "don't" stays one word
            }
        }

        if (slug.Length > FileNameSlugLength)
        {
            var cut = slug.ToString(0, FileNameSlugLength + 1).LastIndexOf('-');
            slug.Length = cut > 0 ? cut : FileNameSlugLength;
        }

        return slug.Length == 0 ? "post-mortem" : slug.ToString();
    }
}

/// <param name="Local">The time shown in the incident's time zone, "yyyy-MM-dd HH:mm".</param>
public sealed record WriteUpTimelineRow(DateTimeOffset At, string Local, NoteKind Lane, string Text, KeyMoment? KeyMoment);

public sealed record WriteUpChain(string Symptom, IReadOnlyList<WriteUpStep> Steps, bool StoppedTooEarly);

public sealed record WriteUpStep(string Question, string Answer, bool IsRootCause);

public sealed record WriteUpAction(
    string NoteId,
    string Text,
    string? Owner,
    DateOnly? DueDate,
    ActionKind Kind,
    ActionStatus Status,
    string? TrackerUrl,
    bool Acknowledged,
    int Votes);
