using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Access;

/// <summary>Settings under "Authentication:Oidc". Sign-in through an identity provider is on only when Authority and ClientId are set.</summary>
public sealed class OidcSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The label of the sign-in button, e.g. the organisation's name.</summary>
    public string DisplayName { get; set; } = "your organisation";

    /// <summary>
    /// Accept only tokens whose "amr" claim says the provider used a second factor ("mfa"): our
    /// own TOTP is skipped for these sign-ins, so the provider must have done the equivalent.
    /// </summary>
    public bool RequireMfa { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Optional OpenID Connect sign-in for organisations with their own identity provider. It maps to an
/// existing local account only — by a login linked earlier (issuer subject) or by the account's
/// e-mail address — and never creates one: roles and scopes stay with Vigil's administrators.
/// </summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";
    public const string AuthenticationMethod = "external";

    public static void AddIfConfigured(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Authentication:Oidc").Get<OidcSettings>() ?? new OidcSettings();
        authentication.Services.AddSingleton(settings);
        if (!settings.IsEnabled)
        {
            return;
        }
        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
        });
    }

    /// <summary>Whether the provider's token says it used a second factor (the "amr" claim, RFC 8176).</summary>
    public static bool ProviderUsedSecondFactor(ClaimsPrincipal external) =>
        external.FindAll("amr").Any(c => c.Value is "mfa" or "otp" or "hwk" or "swk" or "fpt" or "face" or "sc");

    /// <summary>The e-mail address the provider vouches for, if any.</summary>
    public static string? Email(ClaimsPrincipal external) =>
        external.FindFirst("email")?.Value ?? external.FindFirst(ClaimTypes.Email)?.Value;
}
