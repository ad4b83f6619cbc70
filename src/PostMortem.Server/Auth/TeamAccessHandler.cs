using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PostMortem.Server.Boards;
using PostMortem.Server.Http;

namespace PostMortem.Server.Auth;

/// <summary>
/// Authenticates a browser by the team session cookie that the team link sets. Challenges answer 401 with a
/// ProblemDetails (code sign_in_required) rather than a redirect: the API is called by the web client, which
/// shows the detail as its sign-in prompt.
/// </summary>
internal sealed class TeamAccessHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TeamAccess team)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TeamAccess";

    /// <summary>The authorization policy every incident-log read requires.</summary>
    public const string Policy = "team";

    public const string ClaimType = "pm:team";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(TeamAccess.CookieName, out var cookie))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!team.IsValidSession(cookie))
        {
            return Task.FromResult(AuthenticateResult.Fail("The team session expired or the team link was rotated."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimType, "member")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Create(StatusCodes.Status401Unauthorized, ServerCodes.SignInRequired,
                "The incident log is for your team: open your team's access link (whoever runs the server has it) to see it.")
            .ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden(Core.RejectionCodes.Unauthorized, "This sign-in does not give access to the incident log.").ExecuteAsync(Context);
}
