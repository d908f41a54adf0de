using System.Linq.Expressions;

namespace Vigil.Core.Common;

/// <summary>
/// Finding a record by a code as a person types it (cdo-0042 for CDO-0042, minusca-bir for MINUSCA-BIR): the exact
/// spelling, else the same letters in another case (SQL upper() on both providers), the exact one first.
/// </summary>
public static class CodeLookup
{
    private static readonly System.Reflection.MethodInfo ToUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;

    /// <summary>The rows whose code (<paramref name="codeOf"/>) is <paramref name="typed"/> in any case, the exact spelling first.</summary>
    public static IQueryable<T> WithCode<T>(this IQueryable<T> query, Expression<Func<T, string>> codeOf, string typed)
    {
        ArgumentNullException.ThrowIfNull(codeOf);
        // Read through a closure object so that the provider sends them as parameters, as for a captured variable.
        var values = Expression.Constant(new Typed(typed, typed.ToUpperInvariant()));
        var exact = Expression.Equal(codeOf.Body, Expression.Property(values, nameof(Typed.Exact)));
        var folded = Expression.Equal(Expression.Call(codeOf.Body, ToUpper), Expression.Property(values, nameof(Typed.Upper)));
        var parameter = codeOf.Parameters[0];
        var match = Expression.Lambda<Func<T, bool>>(Expression.OrElse(exact, folded), parameter);
        var exactFirst = Expression.Lambda<Func<T, int>>(Expression.Condition(exact, Expression.Constant(0), Expression.Constant(1)), parameter);
        return query.Where(match).OrderBy(exactFirst);
    }

    private sealed record Typed(string Exact, string Upper);
}
