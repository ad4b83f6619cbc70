using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PostMortem.Data.Records;
using PostMortem.Web.Data;

namespace PostMortem.Server.HandOff;

internal static class HandOffSetup
{
    /// <summary>
    /// Tracker links and calendar files (always; links only when a tracker is configured), and the webhook's observer
    /// and sender when HandOff:Webhook:Url is set. Options are validated at start-up with sentences that name the key.
    /// The webhook's outbox is PostMortem.Data's: a webhook needs the database (AddPostMortemPersistence).
    /// </summary>
    public static IServiceCollection AddHandOff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandOffOptions>().Bind(configuration.GetSection(HandOffOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandOffOptions>, HandOffOptionsValidator>());
        services.TryAddSingleton<IHandOffLinks, TrackerIssueLinks>();

        if (!string.IsNullOrWhiteSpace(configuration[$"{HandOffOptions.Section}:Webhook:Url"]))
        {
            services.AddSingleton<WebhookQueue>();
            services.AddSingleton<WebhookObserver>();
            services.AddSingleton<IAppliedEntryObserver>(sp => sp.GetRequiredService<WebhookObserver>());
            services.AddHostedService<WebhookSender>();
            // Redirects are not followed: a POST turned into a GET elsewhere is not a delivery. The per-attempt timeout
            // is the sender's; the client's own is off so the two never disagree.
            services.AddHttpClient(WebhookSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        }

        return services;
    }
}
