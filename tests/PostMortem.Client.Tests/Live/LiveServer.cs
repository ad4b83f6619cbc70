using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Server.Boards;

namespace PostMortem.Client.Tests.Live;

/// <summary>The real server on Kestrel on a free loopback port with its own data folder (as the server's tests start it).</summary>
public sealed class LiveServer : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "pm-client-tests-" + Guid.NewGuid().ToString("N"));
    private Uri? _baseAddress;

    public LiveServer() => UseKestrel(0);

    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null)
            {
                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                    .Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
                _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            }

            return _baseAddress;
        }
    }

    /// <summary>The server's own view for <paramref name="viewerId"/>, and the seq it is at.</summary>
    public (BoardView View, long Seq) ServerView(string boardId, string viewerId)
    {
        var host = Services.GetRequiredService<BoardRegistry>().TryGetLoaded(boardId) ?? throw new InvalidOperationException("board not loaded");
        return host.Read(b => (b.ViewFor(viewerId), b.Seq));
    }

    public async Task<CreateBoardResponse> CreateBoardAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.PostAsJsonAsync("api/boards",
            new CreateBoardRequest("Pause subscription API change", new DateTimeOffset(2026, 3, 4, 5, 30, 0, TimeSpan.Zero), IncidentType.Deployment, 2, "Sam"),
            ProtocolJsonContext.Default.CreateBoardRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.CreateBoardResponse))!;
    }

    public async Task<ParticipantTokenResponse> JoinAsync(CreateBoardResponse board, string name)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.PostAsJsonAsync($"api/boards/{board.BoardId}/join", new JoinBoardRequest(board.JoinCode, name), ProtocolJsonContext.Default.JoinBoardRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ParticipantTokenResponse))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data:Folder", _dataFolder);
        builder.UseSetting("Auth:SigningKey", "client-tests-signing-key-0123456789-abcdefghij");
        builder.UseSetting("Limits:HttpWritesPerMinute", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
