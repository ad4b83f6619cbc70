using System.Globalization;
using System.Text;

namespace PostMortem.Core.HandOff;

/// <summary>The issue trackers a deployment can hand chosen actions to.</summary>
public enum TrackerKind
{
    GitHub,
    GitLab,
    Jira,
}

/// <summary>
/// Where a deployment's "create issue" links go. <see cref="BaseUrl"/> is the repository (GitHub:
/// https://github.com/owner/repo), the project (GitLab: https://gitlab.example.com/group/project) or the Jira site
/// (https://jira.example.com); Jira also needs the numeric ids of the project and the issue type the link opens with.
/// </summary>
public sealed record TrackerTemplate(TrackerKind Kind, Uri BaseUrl, string? JiraProjectId = null, string? JiraIssueTypeId = null)
{
    /// <summary>A sentence saying what is wrong with this template, or null when it can make links.</summary>
    public string? Problem()
    {
        if (!BaseUrl.IsAbsoluteUri || BaseUrl.Scheme is not ("http" or "https"))
        {
            return "the base URL must be an absolute http(s) address";
        }

        if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
        {
            return "the base URL must have no query (?…) or fragment (#…)";
        }

        var segments = BaseUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Kind switch
        {
            TrackerKind.GitHub when segments.Length != 2 => "a GitHub base URL names one repository, e.g. https://github.com/owner/repo",
            TrackerKind.GitLab when segments.Length < 2 => "a GitLab base URL names one project, e.g. https://gitlab.com/group/project",
            TrackerKind.Jira when !IsNumericId(JiraProjectId) || !IsNumericId(JiraIssueTypeId) =>
                "Jira needs the numeric ids of its project and issue type (JiraProjectId, JiraIssueTypeId), e.g. 10000 and 10001",
            TrackerKind.GitHub or TrackerKind.GitLab or TrackerKind.Jira => null,
            _ => "the tracker kind must be GitHub, GitLab or Jira",
        };
    }

    private static bool IsNumericId(string? id) => id is { Length: > 0 and <= 18 } && id.All(char.IsAsciiDigit);
}

/// <summary>What a "create issue" link is pre-filled with: one chosen action of a post-mortem.</summary>
/// <param name="IncidentUrl">Where the post-mortem can be read (its write-up or its incident-log page); absolute.</param>
public sealed record TrackerIssue(string ActionText, string IncidentTitle, string? IncidentUrl, string? Owner, DateOnly? DueDate);

/// <summary>
/// Pre-filled "create issue" links. Every value is percent-encoded as UTF-8 (RFC 3986 unreserved characters kept,
/// a space as %20), which GitHub, GitLab and Jira all read back to the same text; nothing is sent anywhere — the
/// person who follows the link reviews the issue and creates it in their own tracker account.
/// </summary>
public static class TrackerLinks
{
    /// <summary>Longest issue title put in a link: Jira refuses summaries over 255 characters, GitHub titles over 256.</summary>
    public const int TitleLength = 250;

    /// <summary>The tracker's "new issue" page with the action as title and the post-mortem in the body.</summary>
    public static string CreateIssueUrl(TrackerTemplate template, TrackerIssue issue)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(issue);
        if (template.Problem() is { } problem)
        {
            throw new ArgumentException($"The tracker template cannot make links: {problem}.", nameof(template));
        }

        var title = Title(issue.ActionText);
        var body = Body(issue);
        var root = template.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return template.Kind switch
        {
            // docs.github.com, "Creating an issue from a URL query": /issues/new?title=&body=
            TrackerKind.GitHub => Query($"{root}/issues/new", ("title", title), ("body", body)),
            // GitLab, "Using a URL with prefilled values": /-/issues/new?issue[title]=&issue[description]=
            TrackerKind.GitLab => Query($"{root}/-/issues/new", ("issue[title]", title), ("issue[description]", body)),
            // Jira's create-issue screen: /secure/CreateIssueDetails!init.jspa?pid=&issuetype=&summary=&description=
            TrackerKind.Jira => Query($"{root}/secure/CreateIssueDetails!init.jspa",
                ("pid", template.JiraProjectId!), ("issuetype", template.JiraIssueTypeId!), ("summary", title), ("description", body)),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template.Kind, "Unknown tracker kind."),
        };
    }

    /// <summary>The issue's title: the action on one line, cut at <see cref="TitleLength"/> characters.</summary>
    public static string Title(string actionText)
    {
        ArgumentNullException.ThrowIfNull(actionText);
        var line = string.Join(' ', actionText.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (line.Length <= TitleLength)
        {
            return line;
        }

        // Never cut a surrogate pair in half: the half would not encode.
        var cut = char.IsHighSurrogate(line[TitleLength - 2]) ? TitleLength - 2 : TitleLength - 1;
        return string.Concat(line.AsSpan(0, cut), "…");
    }

    /// <summary>The issue's body, plain text that reads the same as Markdown: the action, then where it came from.</summary>
    public static string Body(TrackerIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var body = new StringBuilder();
        body.Append(issue.ActionText.Trim()).Append("\n\n");
        body.Append("From the post-mortem: ").Append(issue.IncidentTitle.Trim()).Append('\n');
        if (issue.IncidentUrl is { Length: > 0 } url)
        {
            body.Append("Write-up: ").Append(url).Append('\n');
        }

        body.Append("Owner: ").Append(string.IsNullOrWhiteSpace(issue.Owner) ? "not set" : issue.Owner.Trim()).Append('\n');
        body.Append("Due: ").Append(issue.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not set").Append('\n');
        return body.ToString();
    }

    private static string Query(string path, params (string Name, string Value)[] parameters)
    {
        var url = new StringBuilder(path);
        for (var i = 0; i < parameters.Length; i++)
        {
            url.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(parameters[i].Name))
                .Append('=')
                .Append(Uri.EscapeDataString(parameters[i].Value));
        }

        return url.ToString();
    }
}
