using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Vigil.Core.Access;

namespace Vigil.Web.Access;

public sealed record TokenRequest
{
    // Not `required`: a missing field must reach validation and be named, not fail JSON parsing.
    [Required, MaxLength(256)]
    public string? UserName { get; init; }

    [Required, MaxLength(1024)]
    public string? Password { get; init; }

    /// <summary>The current code of the account's authenticator app (TOTP); required for every staff role.</summary>
    [MaxLength(16)]
    public string? Code { get; init; }
}

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

public static class AccessEndpoints
{
    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");

        auth.MapPost("/token", IssueTokenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AccessSetup.SignInPolicy)
            .WithSummary("Exchange a user name, password and authenticator code for a bearer token (15 minutes).")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapGet("/me", (HttpContext http) =>
            {
                var user = http.User;
                return TypedResults.Ok(new MeResponse(
                    user.Identity!.Name!,
                    user.FindFirst("vigil:name")?.Value ?? user.Identity.Name!,
                    [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)],
                    [.. user.FindAll(CallerScope.ScopeClaim).Select(c => c.Value).Order(StringComparer.Ordinal)]));
            })
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Who the caller is: roles and scopes.");

        auth.MapPost("/signout-everywhere", async (ClaimsPrincipal principal, UserManager<VigilUser> users, SecondFactor secondFactor) =>
            {
                var user = await users.GetUserAsync(principal);
                if (user is null)
                {
                    return Results.Unauthorized();
                }
                await secondFactor.SignOutEverywhereAsync(user);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Staff)
            .DisableAntiforgery() // programs post with a bearer token; the cookie is SameSite=Strict
            .WithSummary("Revoke every session and bearer token of the caller's account, this one included.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, SignInManager<VigilUser> signIn, UserManager<VigilUser> users, SecondFactor secondFactor, PasswordStep passwordStep, CancellationToken ct)
    {
        // The same answer, in the same time, for an unknown user, a wrong password, a wrong code and a locked account: no enumeration.
        var failed = TypedResults.Problem(title: "Sign-in failed",
            detail: "The user name, password or code is wrong, or the account is locked.", statusCode: StatusCodes.Status401Unauthorized);
        if (await passwordStep.CheckAsync(request.UserName, request.Password, ct) is not { } user)
        {
            return failed;
        }
        var method = "pwd";
        if (await secondFactor.IsRequiredAsync(user) || user.TwoFactorEnabled)
        {
            if (!user.TwoFactorEnabled)
            {
                return TypedResults.Problem(title: "Second factor not set up",
                    detail: "Sign in once in a browser to set up the authenticator app, then ask for a token with its code.",
                    statusCode: StatusCodes.Status401Unauthorized);
            }
            if (Totp.Normalise(request.Code) is not { } code || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code))
            {
                await users.AccessFailedAsync(user);
                return failed;
            }
            await users.ResetAccessFailedCountAsync(user);
            method = "mfa";
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", method)]);
        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }
}
