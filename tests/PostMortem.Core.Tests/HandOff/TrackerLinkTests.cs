using PostMortem.Core.HandOff;

namespace PostMortem.Core.Tests.HandOff;

public sealed class TrackerLinkTests
{
    private const string AwkwardAction = "Fix \"pause\" & resume #42: cafe\u0301 → café 🚀\nsecond line";
    private static readonly TrackerIssue Issue = new(AwkwardAction, "Reconciliation & \"pause\" #1", "https://pm.example.com/b/abc/writeup?key=k&x=1", "Zoë O'Neil", new DateOnly(2026, 3, 13));

    private static readonly TrackerTemplate GitHub = new(TrackerKind.GitHub, new Uri("https://github.com/acme/payments"));
    private static readonly TrackerTemplate GitLab = new(TrackerKind.GitLab, new Uri("https://gitlab.example.com/team/sub/payments/"));
    private static readonly TrackerTemplate Jira = new(TrackerKind.Jira, new Uri("https://jira.example.com/"), "10000", "10004");

    [Fact]
    public void GitHubLinkOpensTheRepositorysNewIssuePageWithTitleAndBody()
    {
        var url = TrackerLinks.CreateIssueUrl(GitHub, Issue);

        Assert.StartsWith("https://github.com/acme/payments/issues/new?title=", url, StringComparison.Ordinal);
        var query = Query(url);
        Assert.Equal(["title", "body"], query.Select(p => p.Name));
        Assert.Equal(TrackerLinks.Title(AwkwardAction), query[0].Value);
        Assert.Equal(TrackerLinks.Body(Issue), query[1].Value);
    }

    [Fact]
    public void GitLabLinkUsesTheIssueFieldsWithEncodedBrackets()
    {
        var url = TrackerLinks.CreateIssueUrl(GitLab, Issue);

        Assert.StartsWith("https://gitlab.example.com/team/sub/payments/-/issues/new?issue%5Btitle%5D=", url, StringComparison.Ordinal);
        var query = Query(url);
        Assert.Equal(["issue[title]", "issue[description]"], query.Select(p => p.Name));
        Assert.Equal(TrackerLinks.Body(Issue), query[1].Value);
    }

    [Fact]
    public void JiraLinkNamesProjectAndIssueTypeByIdAndFillsSummaryAndDescription()
    {
        var url = TrackerLinks.CreateIssueUrl(Jira, Issue);

        Assert.StartsWith("https://jira.example.com/secure/CreateIssueDetails!init.jspa?pid=10000&issuetype=10004&summary=", url, StringComparison.Ordinal);
        var query = Query(url);
        Assert.Equal(["pid", "issuetype", "summary", "description"], query.Select(p => p.Name));
        Assert.Equal(TrackerLinks.Title(AwkwardAction), query[2].Value);
        Assert.Equal(TrackerLinks.Body(Issue), query[3].Value);
    }

    [Theory]
    [InlineData(TrackerKind.GitHub)]
    [InlineData(TrackerKind.GitLab)]
    [InlineData(TrackerKind.Jira)]
    public void AwkwardCharactersArePercentEncodedSoNoneEndsOrSplitsTheQuery(TrackerKind kind)
    {
        var template = kind switch { TrackerKind.GitHub => GitHub, TrackerKind.GitLab => GitLab, _ => Jira };
        var url = TrackerLinks.CreateIssueUrl(template, Issue);
        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];

        // & # " space newline and non-ASCII never appear raw: each would end a value, cut the URL or break it.
        Assert.DoesNotContain('#', query);
        Assert.DoesNotContain('"', query);
        Assert.DoesNotContain(' ', query);
        Assert.DoesNotContain('\n', query);
        Assert.DoesNotContain('+', query);
        Assert.All(query, ch => Assert.True(ch < 128, $"non-ASCII {ch} left raw"));
        Assert.Contains("%26", query, StringComparison.Ordinal);
        Assert.Contains("%23", query, StringComparison.Ordinal);
        Assert.Contains("%22", query, StringComparison.Ordinal);
        Assert.Contains("%0A", query, StringComparison.Ordinal);
        Assert.Contains("%20", query, StringComparison.Ordinal);
        Assert.Contains("caf%C3%A9", query, StringComparison.Ordinal);
        Assert.Contains("%F0%9F%9A%80", query, StringComparison.Ordinal); // 🚀, one UTF-8 sequence, not two surrogates
    }

    [Fact]
    public void BodyCarriesTheIncidentItsLinkTheOwnerAndTheDueDate()
    {
        var body = TrackerLinks.Body(Issue);

        Assert.Equal(
            AwkwardAction + "\n\n" +
            "From the post-mortem: Reconciliation & \"pause\" #1\n" +
            "Write-up: https://pm.example.com/b/abc/writeup?key=k&x=1\n" +
            "Owner: Zoë O'Neil\n" +
            "Due: 2026-03-13\n",
            body);
        var bare = TrackerLinks.Body(Issue with { Owner = null, DueDate = null, IncidentUrl = null });
        Assert.EndsWith("#1\nOwner: not set\nDue: not set\n", bare, StringComparison.Ordinal);
        Assert.DoesNotContain("Write-up:", bare, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleIsOneLineAndLongTitlesAreCutWithoutSplittingACharacter()
    {
        Assert.Equal("Fix it now", TrackerLinks.Title("Fix it\r\n  now"));

        var emoji = new string('x', TrackerLinks.TitleLength - 2) + "🚀🚀";
        var cut = TrackerLinks.Title(emoji);
        Assert.True(cut.Length <= TrackerLinks.TitleLength);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]), "a surrogate pair was cut in half");
        // The encoder would throw on half a pair; this proves the cut title encodes.
        _ = TrackerLinks.CreateIssueUrl(GitHub, Issue with { ActionText = emoji });
    }

    [Theory]
    [InlineData(TrackerKind.GitHub, "https://github.com/acme", null, null, "one repository")]
    [InlineData(TrackerKind.GitHub, "https://github.com/acme/payments?x=1", null, null, "no query")]
    [InlineData(TrackerKind.GitLab, "https://gitlab.com/", null, null, "one project")]
    [InlineData(TrackerKind.Jira, "https://jira.example.com", null, "10004", "numeric ids")]
    [InlineData(TrackerKind.Jira, "https://jira.example.com", "PAY", "10004", "numeric ids")]
    [InlineData(TrackerKind.GitHub, "ftp://github.com/acme/payments", null, null, "http(s)")]
    public void TemplatesThatCannotMakeLinksSayWhy(TrackerKind kind, string baseUrl, string? project, string? issueType, string expected)
    {
        var template = new TrackerTemplate(kind, new Uri(baseUrl), project, issueType);

        Assert.Contains(expected, template.Problem(), StringComparison.Ordinal);
        var refused = Assert.Throws<ArgumentException>(() => TrackerLinks.CreateIssueUrl(template, Issue));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidTemplatesHaveNoProblem()
    {
        Assert.Null(GitHub.Problem());
        Assert.Null(GitLab.Problem());
        Assert.Null(Jira.Problem());
    }

    /// <summary>The query's names and values, decoded the way a tracker's server decodes them.</summary>
    private static List<(string Name, string Value)> Query(string url) =>
        [.. url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
            .Select(pair => pair.Split('='))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))];
}
