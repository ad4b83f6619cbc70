using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Protocol;
using PostMortem.Data.Records;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;

namespace PostMortem.Data.Tests;

/// <summary>A clock the test moves (today's date decides what is overdue).</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}

/// <summary>
/// The real server (Program, with its EF persistence) on Kestrel on a real loopback socket, over one data
/// folder. Disposing stops it gracefully; a new one on the same folder is a restart.
/// </summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Factory _factory;

    private AppServer(Factory factory, HttpClient client)
    {
        _factory = factory;
        Http = client;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The server, with <see cref="Http"/> holding the team credential (it opened the team link), as a
    /// team member's browser would; <see cref="AnonymousClient"/> makes a client without it.</summary>
    public static AppServer Start(string dataFolder, TimeProvider? clock = null, IDictionary<string, string?>? settings = null)
    {
        var factory = new Factory(dataFolder, clock, settings);
        factory.StartServer();
        var client = factory.BrowserClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        var key = factory.Services.GetRequiredService<TeamAccess>().Key;
        using var opened = client.GetAsync($"{TeamAccess.LinkPath}/{key}").GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return new AppServer(factory, client);
    }

    /// <summary>A client on the same server with no cookies: a stranger, or a participant with only board links.</summary>
    public HttpClient AnonymousClient() => _factory.BrowserClient();

    /// <summary>Kestrel on a free loopback port (set up in the constructor, before the host is built).</summary>
    private sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly Dictionary<string, string?> _settings;
        private readonly TimeProvider? _clock;

        public Factory(string dataFolder, TimeProvider? clock, IDictionary<string, string?>? settings)
        {
            _clock = clock;
            _settings = new(StringComparer.OrdinalIgnoreCase)
            {
                ["Data:Folder"] = dataFolder,
                ["Limits:HttpWritesPerMinute"] = "0",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                _settings[key] = value;
            }

            UseKestrel(0);
        }

        /// <summary>A real socket client that keeps cookies like a browser; redirects are left to the test to see.</summary>
        public HttpClient BrowserClient()
        {
            // The options' default address is http://localhost; the Kestrel port is only in the default client's.
            using var probe = CreateClient();
            return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = probe.BaseAddress,
            };
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (_clock is not null)
            {
                builder.ConfigureTestServices(s => s.AddSingleton(_clock));
            }
        }
    }

    /// <summary>Creates a board over HTTP; returns its id, secrets and the facilitator.</summary>
    public async Task<CreateBoardResponse> CreateBoardAsync(string title, DateTimeOffset incidentAt, string incidentType = "Integration")
    {
        using var response = await Http.PostAsJsonAsync("/api/boards", new
        {
            title,
            incidentAt,
            incidentType,
            severity = 2,
            facilitatorName = "Fran",
        }).Within();
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body.Deserialize(ProtocolJsonContext.Default.CreateBoardResponse)!;
    }

    public async Task<(string ParticipantId, string Token)> JoinAsync(CreateBoardResponse board, string name)
    {
        using var response = await Http.PostAsJsonAsync($"/api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name }).Within();
        var body = await ReadJsonAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return ((string)body["participantId"]!, (string)body["token"]!);
    }

    /// <summary>
    /// Appends a command through the board log as the hub does (after its token check), and returns once
    /// this instance's replica has applied it — and, when it changed the incident log, once that is written.
    /// </summary>
    public async Task<AppliedEntry> SubmitAsync(string boardId, string actorId, BoardCommand command)
    {
        var host = await Services.GetRequiredService<BoardRegistry>().GetAsync(boardId, CancellationToken.None).Within();
        Assert.NotNull(host);
        var applied = await Services.GetRequiredService<BoardCommands>()
            .AppendAsync(host, new PendingEntry(actorId, "t-" + Guid.NewGuid().ToString("N"), command), CancellationToken.None).Within();
        await Services.GetRequiredService<IncidentRecordWriter>().WaitForAsync(boardId, applied.Seq, Timeouts.Default, CancellationToken.None).Within();
        return applied;
    }

    public async Task OkAsync(string boardId, string actorId, BoardCommand command)
    {
        var applied = await SubmitAsync(boardId, actorId, command);
        Assert.True(applied.Outcome.IsAccepted, $"{command.GetType().Name}: {applied.Outcome.Code} {applied.Outcome.Message}");
    }

    /// <summary>The replica's sequence number and state hash (loading the board if needed).</summary>
    public async Task<(long Seq, string Hash)> StateAsync(string boardId)
    {
        var host = await Services.GetRequiredService<BoardRegistry>().GetAsync(boardId, CancellationToken.None).Within();
        Assert.NotNull(host);
        return host.Read(b => (b.Seq, b.StateHash()));
    }

    public async Task<(int Status, JsonNode Body)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path).Within();
        return ((int)response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<(int Status, JsonNode Body)> PatchActionAsync(string noteId, object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/actions/{noteId}") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request).Within();
        return ((int)response.StatusCode, await ReadJsonAsync(response));
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync().Within();
        return JsonNode.Parse(text.Length == 0 ? "null" : text) ?? JsonValue.Create("(empty)");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
    }
}

