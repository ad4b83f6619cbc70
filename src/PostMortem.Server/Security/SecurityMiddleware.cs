using Microsoft.Net.Http.Headers;
using PostMortem.Server.Boards;
using PostMortem.Server.Endpoints;

namespace PostMortem.Server.Security;

internal static class SecurityMiddleware
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Headers on every response, set before the body starts so endpoints cannot forget them.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    /// <summary>Refuses hub requests (negotiate and WebSocket upgrade) and unsafe API calls from foreign origins.</summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var guarded = request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
                || (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method));
            if (guarded && request.Headers.Origin is { Count: > 0 } origin)
            {
                var policy = context.RequestServices.GetRequiredService<OriginPolicy>();
                if (!policy.IsAllowed(origin.ToString(), request))
                {
                    await Problems.Forbidden(ServerCodes.OriginNotAllowed, "This origin may not use the board; see Security:AllowedOrigins.")
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
}
