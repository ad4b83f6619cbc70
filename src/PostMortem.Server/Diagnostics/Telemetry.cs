using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PostMortem.Server.Diagnostics;

/// <summary>
/// OpenTelemetry (docs/OPERATIONS.md): ASP.NET Core's, Kestrel's, SignalR's and the board's own meters, always
/// scrapeable as Prometheus text at <c>GET /metrics</c> (unless <c>Metrics:Prometheus</c> is false), and exported
/// over OTLP — metrics and traces — only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a plain start
/// never tries to reach a collector that is not there.
/// </summary>
internal static class Telemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ScrapePath = "/metrics";

    /// <summary>Meters .NET itself publishes (ASP.NET Core "built-in metrics"): requests, Kestrel connections,
    /// and SignalR's connections and their duration (Http.Connections).</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    /// <summary>
    /// Tag combinations each instrument keeps (more fold into OpenTelemetry's overflow series). The SDK sets aside room
    /// for its default 2,000 per instrument up front: about 6.5 MB of a fresh server's heap for this server's 37
    /// instruments, where the busiest (requests by route, method and status) has a few dozen.
    /// </summary>
    internal const int SeriesPerInstrument = 256;

    /// <summary>SignalR's server spans (one per hub method invocation), published since .NET 9.</summary>
    private const string SignalRActivitySource = "Microsoft.AspNetCore.SignalR.Server";

    public static IServiceCollection AddPostMortemTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var prometheus = PrometheusEnabled(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("postmortem"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter(FrameworkMeters)
                    .AddMeter(BoardMetrics.MeterName)
                    .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = SeriesPerInstrument });
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Spans are only worth collecting when something receives them.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(SignalRActivitySource)
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// GET /metrics in Prometheus text format. <c>Metrics:PrometheusHost</c> (e.g. "*:9464") answers it only on
    /// that host/port, for a deployment that listens on an internal port as well and keeps the public one clean.
    /// </summary>
    public static IEndpointRouteBuilder MapMetrics(this WebApplication app)
    {
        if (!PrometheusEnabled(app.Configuration))
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(ScrapePath);
        if (app.Configuration["Metrics:PrometheusHost"] is { Length: > 0 } host)
        {
            endpoint.RequireHost(host);
        }

        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Prometheus", true);
}
