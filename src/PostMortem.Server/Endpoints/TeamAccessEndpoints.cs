using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;
using PostMortem.Server.Options;

namespace PostMortem.Server.Endpoints;

/// <summary>
/// The team link and its session (docs/PROTOCOL.md, "Team access"): opening <c>/access/{key}</c> sets the team
/// cookie and goes to the incident log; a team member can rotate the key, which ends every session.
/// </summary>
internal static class TeamAccessEndpoints
{
    public static IEndpointRouteBuilder MapTeamAccessEndpoints(this IEndpointRouteBuilder app)
    {
        // Not under the per-address write limit: the key is 128 random bits (nothing to guess), and a team opening
        // its link from one office must not use up that office's board sign-ups.
        app.MapGet(TeamAccess.LinkPath + "/{key}", OpenLink)
            .WithTags("Team access")
            .WithSummary("The team link: sets the team session cookie and redirects to the incident log.");
        app.MapGet(TeamAuthentication.SignInPath, SignIn).WithTags("Team access")
            .WithSummary("Single sign-on (when Auth:Oidc is configured): goes to the provider, then back to returnUrl.");
        var team = app.MapGroup("/api/team").WithTags("Team access");
        team.MapGet("", Session)
            .WithSummary("Whether this browser has the team credential (no credential needed to ask).");
        team.MapPost("rotate", Rotate).RequireAuthorization(TeamAccessHandler.Policy)
            .WithSummary("Replace the team key: the old link and every session stop working; returns the new link.");
        return app;
    }

    private static Results<RedirectHttpResult, ProblemHttpResult> OpenLink(string key, HttpContext http, TeamAccess access)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!access.Matches(key))
        {
            return Problems.Forbidden(ServerCodes.TeamLinkInvalid, "This team link is not the current one: ask for the team's current link.");
        }

        SetCookie(http, access);
        return TypedResults.Redirect("/incidents");
    }

    private static Ok<TeamSessionResponse> Session(HttpContext http, IOptions<AuthOptions> auth) =>
        TypedResults.Ok(new TeamSessionResponse(
            http.User.HasClaim(c => c.Type == TeamAccessHandler.ClaimType), auth.Value.Oidc.IsConfigured ? TeamAuthentication.SignInPath : null));

    private static IResult SignIn(string? returnUrl, IOptions<AuthOptions> auth)
    {
        if (!auth.Value.Oidc.IsConfigured)
        {
            return Problems.Create(StatusCodes.Status404NotFound, ServerCodes.NotFound, "Single sign-on is not configured here: open your team's access link.");
        }

        // Only a path on this site, so the sign-in cannot be used to bounce a user elsewhere.
        var target = returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/incidents";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [TeamAuthentication.OidcScheme]);
    }

    private static Results<Ok<TeamLinkResponse>, ProblemHttpResult> Rotate(HttpContext http, TeamAccess access)
    {
        if (access.IsConfigured)
        {
            return Problems.Create(StatusCodes.Status409Conflict, ServerCodes.TeamKeyConfigured,
                "The team key is set by Auth:TeamAccessKey: change it there (on every instance) to rotate it.");
        }

        access.Rotate();
        // The caller keeps access under the new key; everyone else opens the new link.
        SetCookie(http, access);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TeamLinkResponse(access.LinkFor($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}")));
    }

    private static void SetCookie(HttpContext http, TeamAccess access) =>
        http.Response.Cookies.Append(TeamAccess.CookieName, access.IssueSession(), new CookieOptions
        {
            HttpOnly = true,
            // Secure whenever the request came over HTTPS (directly, or through a configured proxy's X-Forwarded-Proto).
            // Over plain HTTP a Secure cookie is dropped by browsers on any address but loopback, which would make
            // the zero-setup link useless on a LAN.
            Secure = http.Request.IsHttps,
            // Lax: the link is opened from chat or mail (a top-level navigation from another site).
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = access.SessionLifetime,
            IsEssential = true,
        });
}
