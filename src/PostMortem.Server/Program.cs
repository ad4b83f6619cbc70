using PostMortem.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPostMortemServer(builder.Configuration);

var app = builder.Build();
app.UsePostMortemServer();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
