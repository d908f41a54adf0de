using Microsoft.AspNetCore.Identity;

namespace Vigil.Core.Access;

/// <summary>A staff account. Anonymous reporters never get one.</summary>
public sealed class VigilUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>ISO alpha-3; used for recusal (never assigned to a case about a co-national).</summary>
    public string? Nationality { get; set; }

    /// <summary>The conduct officer record of this user, if any: its postings count for recusal.</summary>
    public int? OfficerId { get; set; }

    public List<UserScope> Scopes { get; set; } = [];
}

public enum ScopeKind
{
    /// <summary>Every mission: headquarters staff.</summary>
    Global,

    /// <summary>One mission, by code.</summary>
    Mission,

    /// <summary>One contributing country (ISO alpha-3): member-state liaisons see their own nationals.</summary>
    Country,

    /// <summary>One case, by reference: investigators see the cases assigned to them.</summary>
    Assignment,
}

/// <summary>One grant of scope to a user. Deny by default: a user without scopes sees nothing.</summary>
public sealed class UserScope
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public ScopeKind Kind { get; set; }

    /// <summary>Mission code, country code or case reference; "*" for <see cref="ScopeKind.Global"/>.</summary>
    public required string Value { get; set; }
}
