// The floor of the benchmark: the cheapest SignalR server that speaks PostMortem's protocol shape, so the load
// tool can drive it unchanged and every table can say how far above it PostMortem is. Create and join over HTTP,
// hub Join / Submit / Presence / Ping, an `entry` per submitted command stamped with a per-board sequence number
// and sent to the board's group under a per-board lock, presence coalesced per board like PostMortem's mixer.
// Deliberately absent: storage, board rules, validation, tokens, rate limits, per-viewer forms.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using PostMortem.Floor;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// As PostMortem's server (Hosting/ServerSetup.cs): the connection's code runs on the thread that completed the socket operation.
builder.Services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);
builder.Services.AddSignalR();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Boards>();
builder.Services.AddHostedService<PresenceFlusher>();

var app = builder.Build();
app.UseWebSockets();

app.MapGet("/healthz", () => Results.Text("ok"));

app.MapPost("/api/boards", (CreateBoardRequest request, Boards boards) =>
{
    var board = boards.Create();
    var participantId = NewId();
    return Results.Ok(new CreateBoardResponse(board.Id, board.JoinCode, participantId, Token(board.Id, participantId)));
});

app.MapPost("/api/boards/{boardId}/join", (string boardId, JoinBoardRequest request, Boards boards) =>
{
    if (!boards.TryGet(boardId, out _))
    {
        return Results.NotFound();
    }

    var participantId = NewId();
    return Results.Ok(new JoinBoardResponse(participantId, Token(boardId, participantId)));
});

app.MapHub<FloorHub>("/hubs/board");
app.Run();

// The token only carries who the caller is (no signature: the floor checks nothing).
static string Token(string boardId, string participantId) => $"{boardId}.{participantId}";

static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
