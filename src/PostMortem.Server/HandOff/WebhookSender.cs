using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using PostMortem.Data.Entities;
using PostMortem.Data.Webhooks;

namespace PostMortem.Server.HandOff;

/// <summary>
/// Moves queued events into the durable outbox and delivers what is due: one signed POST per attempt, each with its
/// own timeout; a failure (no answer, a non-2xx status, a redirect) is retried with exponential backoff up to a cap,
/// then given up and logged. Rows are claimed before sending, so instances sharing the database send each attempt once.
/// Events survive restarts in the outbox; the outbox is looked at every PollInterval for rows other instances queued.
/// </summary>
internal sealed class WebhookSender(
    WebhookQueue queue, WebhookOutbox outbox, IHttpClientFactory httpClients, IOptions<HandOffOptions> options,
    TimeProvider clock, ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "PostMortem.Webhooks";
    private const int BatchSize = 50;

    /// <summary>A claim lasts the attempt's timeout and this margin: a sender that died mid-attempt is retried after it.</summary>
    private static readonly TimeSpan ClaimMargin = TimeSpan.FromSeconds(30);

    private readonly List<WebhookDelivery> _notYetStored = [];

    private WebhookSettings Settings => options.Value.Webhook;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Settings.PollInterval;
            try
            {
                await StoreQueuedAsync(stoppingToken);
                await SendDueAsync(stoppingToken);
                if (await outbox.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - clock.GetUtcNow();
                    wait = untilDue < wait ? (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) : wait;
                }

                if (_notYetStored.Count > 0)
                {
                    wait = TimeSpan.FromSeconds(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away: keep what is queued in memory and look again after the poll interval.
                HandOffLog.OutboxFailed(logger, ex);
            }

            await WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Until <paramref name="wait"/> has passed or a new event is queued, whichever is first.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, clock, cancel.Token);
        var queued = queue.Reader.WaitToReadAsync(cancel.Token).AsTask();
        await Task.WhenAny(delay, queued);
        await cancel.CancelAsync();
        try
        {
            await Task.WhenAll(delay, queued);
        }
        catch (OperationCanceledException)
        {
            // the one that lost the race
        }
    }

    private async Task StoreQueuedAsync(CancellationToken cancellationToken)
    {
        while (queue.Reader.TryRead(out var delivery))
        {
            _notYetStored.Add(delivery);
        }

        while (_notYetStored.Count > 0)
        {
            // A duplicate (another instance stored it first) is as good as stored.
            await outbox.EnqueueAsync(_notYetStored[0], cancellationToken);
            _notYetStored.RemoveAt(0);
        }
    }

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = Settings;
        var due = await outbox.DueAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            if (!await outbox.TryClaimAsync(delivery, clock.GetUtcNow() + settings.AttemptTimeout + ClaimMargin, cancellationToken))
            {
                continue; // another instance has it
            }

            var attempt = delivery.Attempts + 1;
            var error = await AttemptAsync(delivery, attempt, settings, cancellationToken);
            var now = clock.GetUtcNow();
            if (error is null)
            {
                await outbox.MarkDeliveredAsync(delivery.EventId, attempt, now, cancellationToken);
                HandOffLog.Delivered(logger, delivery.EventId, delivery.EventType, attempt);
                continue;
            }

            var retryAt = settings.BackoffAfter(attempt) is { } backoff ? now + backoff : (DateTimeOffset?)null;
            await outbox.MarkFailedAsync(delivery.EventId, attempt, error, now, retryAt, cancellationToken);
            if (retryAt is { } at)
            {
                HandOffLog.AttemptFailed(logger, delivery.EventId, attempt, error, at);
            }
            else
            {
                HandOffLog.GivenUp(logger, delivery.EventId, attempt, error);
            }
        }
    }

    /// <summary>One signed POST; null when the receiver answered 2xx, else why not (no body text of theirs).</summary>
    private async Task<string?> AttemptAsync(WebhookDelivery delivery, int attempt, WebhookSettings settings, CancellationToken stoppingToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url!.Trim())
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookHeaders.Event, delivery.EventType);
        request.Headers.Add(WebhookHeaders.Delivery, delivery.EventId);
        request.Headers.Add(WebhookHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp);
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Sign(settings.Secret!, timestamp, delivery.Body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PostMortem-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"no answer within {settings.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError.ToString();
        }
    }
}
