using System.Globalization;
using System.Text;
using PostMortem.Core.WriteUp;

namespace PostMortem.Web.Client.Shared;

/// <summary>
/// The name of an exported write-up: the incident's date (in its time zone) and its title as lower-case words joined
/// by dashes, e.g. "2026-03-03-pause-subscription-broke-reconciliation.md". The server's Content-Disposition and the
/// page's download link use it both.
/// </summary>
public static class WriteUpFileName
{
    private const int MaxTitleLength = 60;

    public static string For(WriteUpModel model, string extension)
    {
        ArgumentNullException.ThrowIfNull(model);
        var date = ZonedTime.In(model.IncidentAt, model.TimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = Slug(model.Title);
        return slug.Length == 0 ? $"{date}-post-mortem.{extension}" : $"{date}-{slug}.{extension}";
    }

    /// <summary>ASCII letters and digits, lower case; every other run of characters becomes one dash.</summary>
    private static string Slug(string title)
    {
        var sb = new StringBuilder(Math.Min(title.Length, MaxTitleLength));
        foreach (var ch in title.Normalize(NormalizationForm.FormD))
        {
            if (sb.Length >= MaxTitleLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().TrimEnd('-');
    }
}
