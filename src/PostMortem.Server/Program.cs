using PostMortem.Server.Hosting;
using PostMortem.Server.Redis;

var builder = WebApplication.CreateBuilder(args);
// Scale-out: with ConnectionStrings:Redis set, the Redis board log replaces the embedded one (the
// server registers its defaults with TryAdd). Wired here for the benchmarks until the lead's wiring lands.
builder.Services.AddRedisBoardLog(builder.Configuration);
builder.Services.AddPostMortemServer(builder.Configuration);

var app = builder.Build();
app.UsePostMortemServer();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
