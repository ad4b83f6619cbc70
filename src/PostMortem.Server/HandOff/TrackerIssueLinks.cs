using Microsoft.Extensions.Options;
using PostMortem.Core.HandOff;
using PostMortem.Web.Data;

namespace PostMortem.Server.HandOff;

/// <summary>The pages' "create issue" links, from the configured tracker template (validated at start-up).</summary>
internal sealed class TrackerIssueLinks(IOptions<HandOffOptions> options) : IHandOffLinks
{
    private readonly TrackerTemplate? _template = options.Value.Tracker.IsConfigured ? options.Value.Tracker.ToTemplate().Template : null;

    public string? CreateIssueUrl(HandOffAction action, string? readKey, string requestOrigin)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_template is null)
        {
            return null;
        }

        var origin = options.Value.PublicOrigin ?? requestOrigin.TrimEnd('/');
        var board = Uri.EscapeDataString(action.BoardId);
        // The incident log's page needs the team credential; the read link is put in only when the operator asked
        // for it (HandOff:Tracker:IncludeReadKey), since an issue may be more public than the post-mortem.
        var link = readKey is not null && options.Value.Tracker.IncludeReadKey
            ? $"{origin}/b/{board}/writeup?key={Uri.EscapeDataString(readKey)}"
            : $"{origin}/incidents/{board}";
        return TrackerLinks.CreateIssueUrl(_template, new TrackerIssue(action.Text, action.IncidentTitle, origin.Length == 0 ? null : link, action.Owner, action.DueDate));
    }
}
