using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Data.Journal;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Data.Storage;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Endpoints;
using PostMortem.Server.HandOff;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;
using PostMortem.Server.Pages;
using PostMortem.Server.Presence;
using PostMortem.Server.Security;
using PostMortem.Web.Data;

namespace PostMortem.Server.Hosting;

internal static class ServerSetup
{
    /// <summary>
    /// Everything the server needs, with embedded defaults: the local board log over an in-memory journal and
    /// in-memory snapshots. To swap a part, register your own IBoardLog, IEntryJournal, ISnapshotStore or
    /// IIncidentHistory — before or after this call (the last registration wins).
    /// </summary>
    public static IServiceCollection AddPostMortemServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Request start/finish lines print the whole URL, and the pre-read, write-up and sign-off pages carry the
        // read key in the query (docs/PROTOCOL.md, "Links people share"): those lines are not written.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.Section))
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                if (!string.IsNullOrWhiteSpace(o.Folder))
                {
                    o.Folder = Path.GetFullPath(Path.Combine(env.ContentRootPath, o.Folder));
                }
            })
            .ValidateOnStart();
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddOptions<BoardOptions>().Bind(configuration.GetSection(BoardOptions.Section)).ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataOptions>, DataOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BoardOptions>, BoardOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());

        // Embedded defaults; PostMortem.Data (EF Core) and the Redis log replace them by registering their own.
        services.TryAddSingleton<IEntryJournal, InMemoryEntryJournal>();
        services.TryAddSingleton<ISnapshotStore, InMemorySnapshotStore>();
        services.TryAddSingleton<IIncidentHistory, NoIncidentHistory>();
        services.AddSingleton<IPresenceBroadcast, HubPresenceBroadcast>();
        services.TryAddSingleton<IBoardLog>(sp => new LocalBoardLog(sp.GetRequiredService<TimeProvider>(), sp.GetService<IEntryJournal>()));

        services.AddSingleton<SigningKey>();
        services.AddTeamAuthentication(configuration);
        services.AddSingleton<ParticipantTokens>();
        services.AddSingleton<BoardMetrics>();
        services.AddSingleton(sp =>
        {
            // The metrics' gauges read the registry, and the registry hands the metrics to its boards: built
            // here so neither constructor needs the other.
            var registry = ActivatorUtilities.CreateInstance<BoardRegistry>(sp);
            sp.GetRequiredService<BoardMetrics>().Observe(registry);
            return registry;
        });
        services.AddSingleton<BoardCommands>();
        services.AddSingleton<ParticipantAllowances>();
        services.AddSingleton<OriginPolicy>();
        services.AddHostedService<Warmup>();
        services.AddHostedService<BoardSweeper>();
        services.AddHostedService<BoardShutdown>();

        // Two encodings of one contract: JSON (browsers, default) and MessagePack shaped like the JSON (JsonShapedResolver).
        services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions = ProtocolJson.CreateOptions())
            .AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedResolver.Options(ProtocolJson.CreateOptions()));
        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>((hub, limits) =>
        {
            hub.MaximumReceiveMessageSize = limits.Value.MaxMessageBytes;
            hub.EnableDetailedErrors = false;
            hub.MaximumParallelInvocationsPerClient = 1;
            // Departures show within seconds (PresenceKinds.Left): clients share these values (HubTimeouts).
            hub.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
            hub.ClientTimeoutInterval = HubTimeouts.ClientTimeout;
        });
        // SignalR's JSON protocol is replaced by the same protocol with clear errors for oversized and malformed messages.
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol, SizeLimitedHubProtocol>();
        services.AddSingleton<IHubProtocol, MessagePackHubProtocol>();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, CoreJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ProtocolJsonContext.Default);
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            ProtocolJson.UseEnumFormat(o.SerializerOptions);
        });
        // Same answer in every environment (Development would otherwise throw and answer 500).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // Kestrel runs the connection's code on the thread that completed the socket operation instead of queueing
        // it once more (a thread-pool hop per read and per send; docs/BENCHMARKS.md). Safe here because nothing on
        // the request or hub path blocks a thread: board work is CPU-only under a short lock, and I/O is awaited.
        services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.ContainsKey(Problems.CodeKey))
            {
                problem.Extensions[Problems.CodeKey] = Problems.CodeForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
            }

            if (problem.Detail is null && problem.Status == StatusCodes.Status400BadRequest)
            {
                problem.Detail = "The request body could not be read: send JSON with the fields in /openapi/v1.json.";
            }
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(
                Problems.Create(StatusCodes.Status429TooManyRequests, RejectionCodes.RateLimited, "Too many requests from this address; retry in a minute.")
                    .ExecuteAsync(context.HttpContext));
            o.AddPolicy(BoardEndpoints.JoinPolicy, http =>
            {
                // Per board and address: a large office behind one NAT joins one meeting in a burst (docs: README).
                var perMinute = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.JoinsPerMinutePerBoard;
                var board = http.Request.RouteValues.TryGetValue("boardId", out var id) ? id as string : null;
                return perMinute == 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter($"{http.Connection.RemoteIpAddress}|{board}",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.AddPolicy(BoardEndpoints.WritePolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.HttpWritesPerMinute;
                return perMinute == 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        services.TryAddSingleton<StorageHealth>(); // PostMortem.Data's; its stores report to it, with a probe when there is a database
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        services.AddOpenApi();
        services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        // The server-rendered pages' data, and the HTTP API's (the endpoints call the same services).
        services.AddSingleton<BoardPages>();
        services.AddSingleton<IBoardPages>(sp => sp.GetRequiredService<BoardPages>());
        services.AddSingleton<IIncidentPages, IncidentPages>();
        services.AddSingleton<IInsightsPages, InsightsPages>();
        services.AddSingleton<IReplayPages, ReplayPages>();
        services.AddPostMortemTelemetry(configuration);
        services.AddHandOff(configuration);
        return services;
    }

    /// <summary>The request pipeline and every endpoint: API, hub, health, OpenAPI, static web client.</summary>
    public static WebApplication UsePostMortemServer(this WebApplication app)
    {
        // Fail at start-up, not at the first join, when the key cannot be read or made.
        _ = app.Services.GetRequiredService<SigningKey>();
        app.Services.GetRequiredService<TeamAccess>().EnsureCreated();
        var limits = app.Services.GetRequiredService<IOptions<LimitsOptions>>().Value;

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex switch
            {
                Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
                // Storage or the board log is down: retryable (ProblemDetails code "unavailable").
                BoardUnavailableException or BoardLogUnavailableException or StorageUnavailableException or TimeoutException
                    or BoardOverloadedException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        UseForwardedHeadersFromConfiguredProxies(app);
        // A page address that matches nothing gets the UI's "Page not found" page (status 404); API and hub errors with no
        // body (e.g. unreadable JSON) get a ProblemDetails.
        app.UseWhen(IsPageRequest, pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseWhen(context => !IsPageRequest(context), api => api.UseStatusCodePages());
        // Routing after them, so the re-executed request finds the not-found page's endpoint.
        app.UseRouting();
        app.UseRetryAfterWhenUnavailable();
        app.UseSecurityHeaders();
        app.UseOriginCheck();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealth();
        app.MapMetrics();
        app.MapBoardEndpoints();
        app.MapTeamAccessEndpoints();
        app.MapCalendarEndpoints();
        app.MapReplayEndpoints();
        app.MapHub<BoardHub>(BoardHub.Path, o =>
        {
            // Room for one whole maximum-size message in each pipe, so large messages never stall on back-pressure.
            o.ApplicationMaxBufferSize = Math.Max(64 * 1024, limits.MaxMessageBytes * 2L);
            o.TransportMaxBufferSize = Math.Max(64 * 1024, limits.MaxMessageBytes * 2L);
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        });
        app.MapFallback("/api/{**path}", ApiNotFound).ExcludeFromDescription();
        app.MapStaticAssets();
        app.MapRazorComponents<PostMortem.Web.App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(PostMortem.Web.Routes.ClientAssemblies);
        return app;
    }

    /// <summary>
    /// X-Forwarded-For/-Proto only from the proxies in Security:ForwardedHeadersFrom (the framework's default would
    /// trust loopback, and ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts anyone): per-address limits then see the real
    /// client behind the proxy, and nobody else can choose the address they are counted under.
    /// </summary>
    private static void UseForwardedHeadersFromConfiguredProxies(WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.ForwardedHeadersFrom;
        if (proxies.Count == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
        }

        app.UseForwardedHeaders(options);
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments(BoardHub.Path, StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>Unmatched API requests: a body that is not JSON lands here too (endpoint matching skips the endpoint).</summary>
    private static IResult ApiNotFound(HttpRequest request) =>
        request.ContentLength > 0 && !(request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false)
            ? Problems.Create(StatusCodes.Status415UnsupportedMediaType, ServerCodes.InvalidRequest, "Send the body as application/json.")
            : Problems.Create(StatusCodes.Status404NotFound, ServerCodes.NotFound, "There is no such API path.");
}
