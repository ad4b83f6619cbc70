using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PostMortem.Data.Tests.HandOff;

/// <summary>One POST the receiver got: its headers of interest and its body exactly as sent.</summary>
internal sealed record ReceivedWebhook(string? Event, string? Delivery, string? Attempt, string? Timestamp, string? Signature, string? ContentType, string Body, int AnsweredWith);

/// <summary>
/// A real HTTP receiver on a free loopback port (Kestrel): records every request it gets, in order, and answers 500
/// to the first <see cref="FailFirst"/> of them, 204 after. Tests await <see cref="NextAsync"/> (with a timeout).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How many requests (from the first) get a 500.</summary>
    public int FailFirst { get; init; }

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { FailFirst = failFirst };
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync().Within();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var status = Interlocked.Increment(ref _count) <= FailFirst ? 500 : 204;
        _received.Writer.TryWrite(new ReceivedWebhook(
            request.Headers["X-PostMortem-Event"], request.Headers["X-PostMortem-Delivery"], request.Headers["X-PostMortem-Attempt"],
            request.Headers["X-PostMortem-Timestamp"], request.Headers["X-PostMortem-Signature"], request.ContentType, body, status));
        return Results.StatusCode(status);
    }

    /// <summary>The next request received, in order; fails after the timeout instead of hanging.</summary>
    public Task<ReceivedWebhook> NextAsync() => _received.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Default);

    /// <summary>The next request of <paramref name="eventType"/>, skipping others.</summary>
    public async Task<ReceivedWebhook> NextOfAsync(string eventType)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Event == eventType)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
