using PostMortem.Server.Endpoints;
using PostMortem.Server.Hosting;
using PostMortem.Server.Persistence;

if (EfPersistenceSetup.IsMigrateCommand(args))
{
    return await EfPersistenceSetup.RunMigrateCommandAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPostMortemServer(builder.Configuration);
builder.Services.AddPostMortemPersistence(builder.Configuration);

var app = builder.Build();
app.UsePostMortemServer();
app.MapIncidentLogEndpoints();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
