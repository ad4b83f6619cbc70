using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel on a free loopback port, with its own data folder. Tests talk to it over
/// real sockets (HttpClient, <see cref="HubTestClient"/>); internals are reachable through <see cref="Services"/>.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    public const string TestSigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "pm-server-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public ServerFactory() : this(null, null)
    {
    }

    internal ServerFactory(IDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Data:Folder"] = _dataFolder,
            ["Auth:SigningKey"] = TestSigningKey,
            ["Limits:HttpWritesPerMinute"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
        UseKestrel(0);
    }

    private Uri? _baseAddress;

    /// <summary>The server's data folder (its SQLite file is here).</summary>
    public string DataFolder => _dataFolder;

    /// <summary>http://127.0.0.1:port/ of the running server (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null)
            {
                StartServer();
                var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                var address = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
                _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            }

            return _baseAddress;
        }
    }

    public HttpClient NewHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    public ApiClient Api() => new(NewHttpClient());

    internal BoardRegistry Registry => Services.GetRequiredService<BoardRegistry>();

    internal IBoardLog Log => Services.GetRequiredService<IBoardLog>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
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
