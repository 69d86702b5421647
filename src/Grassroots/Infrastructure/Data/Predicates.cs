using System.Linq.Expressions;

namespace Grassroots.Infrastructure.Data;

/// <summary>Rules kept as expressions (so queries and writes share them) sometimes need their opposite.</summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> Not<T>(this Expression<Func<T, bool>> rule) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(rule.Body), rule.Parameters);
}
