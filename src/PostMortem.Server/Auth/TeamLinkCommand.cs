using Microsoft.Extensions.Options;
using PostMortem.Server.Hosting;

namespace PostMortem.Server.Auth;

/// <summary>
/// `team-link [--rotate] [--base-url URL]` on the command line: prints the team link (making the key if this is
/// the first start), or replaces the key first. Reads the app's configuration like the server does, so it finds
/// the same data folder. Exit code 0 when printed, 2 when the key is configured (rotate it there).
/// </summary>
internal static class TeamLinkCommand
{
    public const string Verb = "team-link";

    public static bool Is(string[] args) => args.Length > 0 && string.Equals(args[0], Verb, StringComparison.Ordinal);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var rotate = false;
        var baseUrl = "http://127.0.0.1:5080";
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rotate":
                    rotate = true;
                    break;
                case "--base-url" when i + 1 < args.Length:
                    // run.sh passes its URLS, which may list several; the first is the one to share.
                    baseUrl = args[++i].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        var builder = WebApplication.CreateBuilder(rest.ToArray());
        builder.Logging.ClearProviders();
        builder.Services.AddPostMortemServer(builder.Configuration);
        using var app = builder.Build();
        var folder = app.Services.GetRequiredService<IOptions<Options.DataOptions>>().Value.Folder;
        Directory.CreateDirectory(folder);
        var access = app.Services.GetRequiredService<TeamAccess>();
        if (rotate)
        {
            if (access.IsConfigured)
            {
                error.WriteLine("The team access key is set by Auth:TeamAccessKey: change it there (on every instance) to rotate it.");
                return 2;
            }

            access.Rotate();
        }

        output.WriteLine($"Team link (the incident log and action follow-up; share it with your team only): {access.LinkFor(baseUrl)}");
        return 0;
    }
}
