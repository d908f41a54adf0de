using System.ComponentModel.DataAnnotations;
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
}

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

public static class AccessEndpoints
{
    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Sign-in");

        auth.MapPost("/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithSummary("Exchange a user name and password for a bearer token (one hour).")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapGet("/me", (HttpContext http) =>
            {
                var user = http.User;
                return TypedResults.Ok(new MeResponse(
                    user.Identity!.Name!,
                    user.FindFirst("vigil:name")?.Value ?? user.Identity.Name!,
                    [.. user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)],
                    [.. user.FindAll(CallerScope.ScopeClaim).Select(c => c.Value).Order(StringComparer.Ordinal)]));
            })
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Who the caller is: roles and scopes.");
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, SignInManager<VigilUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName!, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The bearer handler has written the token response.
            return TypedResults.Empty;
        }
        // The same answer for an unknown user, a wrong password and a locked account: no enumeration.
        return TypedResults.Problem(title: "Sign-in failed", detail: "The user name or password is wrong, or the account is locked.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
