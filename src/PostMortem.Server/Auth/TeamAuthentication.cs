using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using PostMortem.Server.Options;

namespace PostMortem.Server.Auth;

/// <summary>
/// Who may read incident data: a browser holding the team link's cookie, or — when Auth:Oidc is configured — one
/// signed in with the company's OpenID Connect provider. Both end up as one claim the "team" policy requires.
/// </summary>
internal static class TeamAuthentication
{
    public const string SsoCookieScheme = "TeamSso";
    public const string OidcScheme = "TeamOidc";
    public const string SignInPath = "/signin";

    public static IServiceCollection AddTeamAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TeamAccess>();
        var auth = services.AddAuthentication(TeamAccessHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TeamAccessHandler>(TeamAccessHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TeamAccessHandler.Policy, p => p.AddAuthenticationSchemes(TeamAccessHandler.SchemeName).RequireClaim(TeamAccessHandler.ClaimType));

        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (!options.Oidc.IsConfigured)
        {
            return services;
        }

        // The sign-in cookie and the provider round trip are protected by Data Protection; its keys live in the
        // data folder so they survive restarts (instances behind one proxy share that folder, or sticky sessions).
        services.AddDataProtection().SetApplicationName("PostMortem");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<DataOptions>, ILoggerFactory>((keys, data, loggers) =>
                keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(data.Value.Folder, "data-protection-keys")), loggers));
        auth.AddCookie(SsoCookieScheme, o =>
            {
                o.Cookie.Name = "pm_team_sso";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = options.TeamSessionLifetime;
                // The team scheme answers challenges (401 with a code); this cookie only carries the sign-in.
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = options.Oidc.ClientSecret;
                o.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                o.ResponseType = "code";
                o.UsePkce = true;
                // The code comes back on a top-level GET (no auto-posting form), so the round-trip cookies can be
                // SameSite=Lax and work over plain HTTP on a LAN as well as behind TLS.
                o.ResponseMode = "query";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SignInScheme = SsoCookieScheme;
                o.MapInboundClaims = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                // Anyone the provider signs in for this client is on the team: the provider decides who may.
                o.Events.OnTokenValidated = context =>
                {
                    (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(TeamAccessHandler.ClaimType, "member"));
                    return Task.CompletedTask;
                };
            });
        return services;
    }
}
