using Microsoft.Extensions.DependencyInjection;

namespace PostMortem.Web.Client.Services;

/// <summary>What the interactive components need in the browser: the server's HTTP API and this browser's storage.</summary>
public static class BrowserServices
{
    public static IServiceCollection AddPostMortemBrowserServices(this IServiceCollection services, Uri baseAddress)
    {
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.AddScoped<BrowserStorage>();
        services.AddScoped<BoardAccessStore>();
        return services;
    }
}
