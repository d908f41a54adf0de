using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Access;

/// <summary>
/// Beyond the length rule (12, NIST SP 800-63B): refuses passwords from an embedded list of common
/// and breached ones, passwords made of very few distinct characters, and passwords that contain
/// the user name. No composition rules: they make passwords harder to remember, not to guess.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<VigilUser>
{
    public const int MinimumDistinctCharacters = 5;

    private static readonly HashSet<string> Common = LoadCommon();

    public static bool IsCommon(string password) => Common.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<VigilUser> manager, VigilUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the length rule names this case
        }
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "This password is on a list of common or breached passwords; choose another." });
        }
        if (password.Distinct().Count() < MinimumDistinctCharacters)
        {
            errors.Add(new IdentityError { Code = "PasswordRepetitive", Description = $"Passwords must use at least {MinimumDistinctCharacters} different characters." });
        }
        if (user.UserName is { Length: >= 3 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = "Passwords must not contain the user name." });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigil.Core.Access.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim());
            }
        }
        return set;
    }
}
