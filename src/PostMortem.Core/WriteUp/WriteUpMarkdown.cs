using System.Globalization;
using System.Text;
using PostMortem.Core.Internal;
using PostMortem.Core.Model;

namespace PostMortem.Core.WriteUp;

/// <summary>
/// The write-up as one page of Markdown. User text is escaped so it renders as text: no HTML, no links,
/// no table breakage from a "|" in a note.
/// </summary>
public static class WriteUpMarkdown
{
    public static string Render(WriteUpModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var zone = TimeZones.FindOrUtc(model.TimeZone);
        var md = new StringBuilder(4096);
        md.Append("# Post-mortem: ").Append(Text(model.Title)).Append('\n').Append('\n');
        md.Append("**Incident:** ").Append(TimeZones.FormatLocal(model.IncidentAt, zone)).Append(" (").Append(Text(model.TimeZone)).Append(')')
            .Append(" · **Type:** ").Append(Describe(model.IncidentType))
            .Append(" · **Severity:** ").Append(model.Severity.ToString(CultureInfo.InvariantCulture));
        if (model.ClosedAt is { } closed)
        {
            md.Append(" · **Closed:** ").Append(TimeZones.FormatLocal(closed, zone));
        }

        md.Append("\n\n## Summary\n\n").Append(Paragraph(model.Summary)).Append("\n\n");
        md.Append("**Impact:** ").Append(Paragraph(model.Impact)).Append("\n\n");

        md.Append("## Timeline\n\n");
        if (model.Timeline.Count == 0)
        {
            md.Append("_No timeline entries._\n\n");
        }
        else
        {
            md.Append("| Time (").Append(Text(model.TimeZone)).Append(") | Lane | What happened | Key moment |\n|---|---|---|---|\n");
            foreach (var row in model.Timeline)
            {
                md.Append("| ").Append(row.Local)
                    .Append(" | ").Append(row.Lane == NoteKind.Signal ? "signal" : "event")
                    .Append(" | ").Append(Text(row.Text))
                    .Append(" | ").Append(row.KeyMoment is { } m ? Describe(m) : "")
                    .Append(" |\n");
            }

            md.Append('\n');
        }

        md.Append("## Gaps\n\n");
        if (model.Gaps.Count == 0)
        {
            md.Append("_Mark the key moments (trigger, impact start, detected, resolved) to see the gaps._\n\n");
        }
        else
        {
            foreach (var gap in model.Gaps)
            {
                md.Append("- ").Append(DescribeGap(gap.Name)).Append(": ").Append(Duration(gap.Minutes));
                if (string.Equals(gap.Name, model.LargestGap, StringComparison.Ordinal))
                {
                    md.Append(" — **largest gap**");
                }

                md.Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Root cause\n\n").Append(model.RootCause is null ? "_Not marked yet._" : Paragraph(model.RootCause)).Append("\n\n");

        if (model.Chains.Count > 0)
        {
            md.Append("## 5 Whys\n\n");
            foreach (var chain in model.Chains)
            {
                md.Append("**").Append(Text(chain.Symptom)).Append("**");
                if (chain.StoppedTooEarly)
                {
                    md.Append(" _(stopped too early: the last answer points at a person)_");
                }

                md.Append("\n\n");
                var n = 0;
                foreach (var step in chain.Steps)
                {
                    md.Append((++n).ToString(CultureInfo.InvariantCulture)).Append(". ");
                    if (step.Question.Length > 0)
                    {
                        md.Append(Text(step.Question)).Append(" — ");
                    }

                    md.Append(Text(step.Answer));
                    if (step.IsRootCause)
                    {
                        md.Append(" **(root cause)**");
                    }

                    md.Append('\n');
                }

                md.Append('\n');
            }
        }

        md.Append("## Contributing factors\n\n");
        if (model.ContributingFactors.Count == 0)
        {
            md.Append("_None recorded._\n\n");
        }
        else
        {
            foreach (var factor in model.ContributingFactors)
            {
                md.Append("- ").Append(Text(factor)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Actions\n\n");
        if (model.Actions.Count == 0)
        {
            md.Append("_No actions chosen._\n\n");
        }
        else
        {
            md.Append("| Action | Owner | Due date | Kind | Status | Votes |\n|---|---|---|---|---|---|\n");
            foreach (var a in model.Actions)
            {
                md.Append("| ").Append(Text(a.Text));
                if (a.TrackerUrl is not null && Uri.TryCreate(a.TrackerUrl, UriKind.Absolute, out var uri))
                {
                    md.Append(" ([ticket](").Append(uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal)).Append("))");
                }

                md.Append(" | ").Append(a.Owner is null ? "_not ready: no owner_" : Text(a.Owner) + (a.Acknowledged ? " ✓" : ""))
                    .Append(" | ").Append(a.DueDate is { } due ? due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "_not ready: no date_")
                    .Append(" | ").Append(a.Kind == ActionKind.LongTerm ? "long-term improvement" : "short-term fix")
                    .Append(" | ").Append(Describe(a.Status))
                    .Append(" | ").Append(a.Votes.ToString(CultureInfo.InvariantCulture))
                    .Append(" |\n");
            }

            md.Append("\n✓ = the owner acknowledged the action.\n\n");
        }

        md.Append("## Follow-up\n\n")
            .Append(model.FollowUpDate is { } f ? "Follow-up on " + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "." : "_No follow-up date set._")
            .Append("\n\n");

        md.Append("## Sign-offs\n\n");
        if (model.SignOffs.Count == 0)
        {
            md.Append("_No sign-offs yet._\n");
        }
        else
        {
            foreach (var s in model.SignOffs)
            {
                md.Append("- ").Append(Text(s.Name)).Append(", ").Append(TimeZones.FormatLocal(s.At, zone)).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>"12 h 43 min", "35 min", "2 d 3 h".</summary>
    public static string Duration(long minutes)
    {
        var sign = minutes < 0 ? "-" : "";
        var m = Math.Abs(minutes);
        var days = m / (24 * 60);
        var hours = m / 60 % 24;
        var mins = m % 60;
        var parts = new List<string>(3);
        if (days > 0)
        {
            parts.Add(days.ToString(CultureInfo.InvariantCulture) + " d");
        }

        if (hours > 0)
        {
            parts.Add(hours.ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (mins > 0 || parts.Count == 0)
        {
            parts.Add(mins.ToString(CultureInfo.InvariantCulture) + " min");
        }

        return sign + string.Join(' ', parts);
    }

    public static string DescribeGap(string name) => name switch
    {
        "changeToSymptom" => "Change → symptom",
        "symptomToDetection" => "Symptom → detection",
        "detectionToResolution" => "Detection → resolution",
        "detectionToMitigation" => "Detection → mitigation",
        _ => name,
    };

    private static string Describe(KeyMoment m) => m switch
    {
        KeyMoment.Trigger => "trigger",
        KeyMoment.ImpactStart => "impact start",
        KeyMoment.Detected => "detected",
        KeyMoment.Mitigated => "mitigated",
        _ => "resolved",
    };

    private static string Describe(IncidentType t) => t switch
    {
        IncidentType.Deployment => "deployment",
        IncidentType.Integration => "integration",
        IncidentType.External => "external",
        IncidentType.Process => "process",
        _ => "other",
    };

    private static string Describe(ActionStatus s) => s switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in progress",
        ActionStatus.Done => "done",
        _ => "won't do",
    };

    private static string Paragraph(string text) => text.Length == 0 ? "_Not written yet._" : Text(text);

    /// <summary>User text as literal Markdown text on one line.</summary>
    private static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\r':
                    break;
                case '\n':
                    sb.Append(' ');
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '~':
                    sb.Append('\\').Append(ch);
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                default:
                    sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }
}
