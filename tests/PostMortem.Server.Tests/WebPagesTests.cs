using System.Net;
using System.Text.RegularExpressions;
using PostMortem.Server.Tests.Infrastructure;
using Xunit;

namespace PostMortem.Server.Tests;

/// <summary>The server-rendered pages over real Kestrel: plain HTML, forms that post with antiforgery, no WebAssembly.</summary>
public sealed partial class WebPagesTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task TheWriteUpPageIsHtmlWithTheWriteUpAndDownloadsNoWebAssembly()
    {
        using var api = server.Api();
        var board = await api.CreateBoardAsync(new
        {
            title = "Pause subscription broke reconciliation",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType = "deployment",
            severity = 2,
            facilitatorName = "Sam",
            timeZone = "Europe/London",
            preWork = "2026-03-03 16:47 API change deployed",
        });
        var key = Uri.EscapeDataString(board.ReadKey);
        using var http = server.NewHttpClient();

        using var page = await http.GetAsync($"b/{board.BoardId}/writeup?key={key}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"writeup\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Pause subscription broke reconciliation</h1>", html, StringComparison.Ordinal);
        Assert.Contains("API change deployed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("_framework/dotnet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.webassembly", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", string.Join(",", page.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("download=\"2026-03-04-pause-subscription-broke-reconciliation.md\"", html, StringComparison.Ordinal);

        // Fix 11: the export is named after the incident and its date, here as in the page's link.
        using var markdown = await http.GetAsync($"api/boards/{board.BoardId}/writeup.md?key={key}");
        Assert.Equal("2026-03-04-pause-subscription-broke-reconciliation.md", markdown.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);

        using var wrong = await http.GetAsync($"b/{board.BoardId}/writeup?key=not-the-key");
        var refused = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("This write-up link is not valid.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"writeup\"", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCreateFormPostsAndAnswersWithTheLinksAndTheLinesItCouldNotRead()
    {
        using var http = server.NewHttpClient();
        var form = await (await http.GetAsync("new")).Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "the create form carries an antiforgery token");

        using var posted = await http.PostAsync("new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Form.Title"] = "Refunds booked twice",
            ["Form.When"] = "2026-03-04T05:30",
            ["Form.Zone"] = "Europe/London",
            ["Form.Type"] = "integration",
            ["Form.Severity"] = "3",
            ["Form.Agenda"] = "ninety",
            ["Form.Name"] = "Fran",
            ["Form.PreWork"] = "2026-03-04 05:30 Refund job ran twice\nthis line has no time",
        }));
        var html = await posted.Content.ReadAsStringAsync();

        Assert.True(posted.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Your post-mortem is ready", html, StringComparison.Ordinal);
        Assert.Contains("Line 2:", html, StringComparison.Ordinal);
        var readLink = ReadLink().Match(html);
        Assert.True(readLink.Success, "the answer shows the pre-read link");
        Assert.Matches("/b/[0-9a-f]{32}/facilitator#secret=", html);

        // The pre-read link it gave opens the board's pre-read, with the one line it could read.
        using var preRead = await http.GetAsync(new Uri(WebUtility.HtmlDecode(readLink.Groups[1].Value)));
        var read = await preRead.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Refunds booked twice</h1>", read, StringComparison.Ordinal);
        Assert.Contains("Pre-read · Integration · severity 3", read, StringComparison.Ordinal);
        Assert.Contains("Refund job ran twice", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreateFormWithoutItsAntiforgeryTokenIsRefused()
    {
        using var http = server.NewHttpClient();
        using var posted = await http.PostAsync("new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "create",
            ["Form.Title"] = "Forged",
            ["Form.When"] = "2026-03-04T05:30",
            ["Form.Zone"] = "UTC",
            ["Form.Name"] = "Mallory",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("value=\"(http://[^\"]+/read\\?key=[^\"]+)\"")]
    private static partial Regex ReadLink();
}
