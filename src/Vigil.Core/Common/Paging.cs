namespace Vigil.Core.Common;

/// <summary>The paging rules every list shares: pages start at 1 and hold 1 to <see cref="MaxPageSize"/> rows.</summary>
public static class Paging
{
    /// <summary>The largest page any list serves.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// A validation error naming <c>page</c> and/or <c>pageSize</c> when either is out of range, otherwise null.
    /// A page past the last row is valid: it is simply empty.
    /// </summary>
    public static ValidationError? Check(int page, int pageSize)
    {
        var fields = new Dictionary<string, string[]>();
        if (page < 1)
        {
            fields["page"] = ["Page numbers start at 1."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            fields["pageSize"] = [$"Page size must be 1 to {MaxPageSize}."];
        }
        return fields.Count == 0 ? null : new ValidationError(fields);
    }

    /// <summary>
    /// Rows to skip before <paramref name="page"/> (1-based). Computed in long and capped at
    /// <see cref="int.MaxValue"/>: <c>(page - 1) * size</c> overflows int for large pages, and wrapped
    /// round it served page 1's rows; no table holds that many rows, so the capped offset is past the last.
    /// </summary>
    public static int Offset(int page, int pageSize) => (int)Math.Min((long)(page - 1) * pageSize, int.MaxValue);

    /// <summary>True when rows follow this page (in long, for the same reason as <see cref="Offset"/>).</summary>
    public static bool HasNext(int page, int pageSize, int total) => (long)page * pageSize < total;
}
