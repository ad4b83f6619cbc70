using PostMortem.Server.Auth;
using PostMortem.Server.Endpoints;
using PostMortem.Server.Hosting;
using PostMortem.Server.Redis;

if (PersistenceSetup.IsMigrateCommand(args))
{
    return await PersistenceSetup.RunMigrateCommandAsync(args, Console.Out, Console.Error);
}

if (TeamLinkCommand.Is(args))
{
    return TeamLinkCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
// Run from a build (not a publish), the UI's files are found through the static web assets manifest; Development
// reads it by default, every other environment (tests, ./infra/run.sh in Release) needs it asked for.
builder.WebHost.UseStaticWebAssets();
// Scale-out: with ConnectionStrings:Redis set, the board log is Redis (registered first, so the
// embedded log's TryAdd in AddPostMortemServer steps aside).
builder.Services.AddRedisBoardLog(builder.Configuration);
builder.Services.AddPostMortemServer(builder.Configuration);
builder.Services.AddPostMortemPersistence(builder.Configuration);

var app = builder.Build();
app.UsePostMortemServer();
app.MapIncidentLogEndpoints();
app.MapInsightsEndpoints();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
