using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PostMortem.Server.Boards;
using PostMortem.Server.Endpoints;
using PostMortem.Server.Options;

namespace PostMortem.Server.Auth;

/// <summary>
/// Authenticates a browser by the team session cookie that the team link sets. Challenges answer 401 with a
/// ProblemDetails (code sign_in_required) rather than a redirect: the API is called by the web client, which
/// shows the detail as its sign-in prompt.
/// </summary>
internal sealed class TeamAccessHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TeamAccess team, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TeamAccess";

    /// <summary>The authorization policy every incident-log read requires.</summary>
    public const string Policy = "team";

    public const string ClaimType = "pm:team";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies.TryGetValue(TeamAccess.CookieName, out var cookie) && team.IsValidSession(cookie))
        {
            var identity = new ClaimsIdentity([new Claim(ClaimType, "member")], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }

        if (auth.Value.Oidc.IsConfigured)
        {
            var signedIn = await Context.AuthenticateAsync(TeamAuthentication.SsoCookieScheme);
            if (signedIn is { Succeeded: true, Principal: { } principal } && principal.HasClaim(c => c.Type == ClaimType))
            {
                return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
            }
        }

        return cookie is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("The team session expired or the team link was rotated.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status401Unauthorized, ServerCodes.SignInRequired, SignInMessage(auth.Value)).ExecuteAsync(Context);

    /// <summary>How to get the team credential, for the API's 401 and the incident pages alike.</summary>
    public static string SignInMessage(AuthOptions options) =>
        options.Oidc.IsConfigured
            ? $"The incident log is for your team: sign in at {TeamAuthentication.SignInPath}, or open your team's access link."
            : "The incident log is for your team: open your team's access link (whoever runs the server has it) to see it.";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden(Core.RejectionCodes.Unauthorized, "This sign-in does not give access to the incident log.").ExecuteAsync(Context);
}
