using PostMortem.Server.Hosting;
using PostMortem.Server.Redis;

var builder = WebApplication.CreateBuilder(args);
// Scale-out: with ConnectionStrings:Redis set, the board log is Redis (registered first, so the
// embedded log's TryAdd in AddPostMortemServer steps aside).
builder.Services.AddRedisBoardLog(builder.Configuration);
builder.Services.AddPostMortemServer(builder.Configuration);

var app = builder.Build();
app.UsePostMortemServer();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
