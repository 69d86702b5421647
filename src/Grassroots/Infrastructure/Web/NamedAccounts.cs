using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Infrastructure.Web;

/// <summary>
/// Roles the operator grants by email in settings (the fund's treasurers, the candidates' stewards): the signed-in
/// account holds one when its address is listed and confirmed. Confirmed, because anyone may sign up with an address
/// before its owner does; an unconfirmed one proves nothing.
/// </summary>
public static class NamedAccounts
{
    public static async Task<bool> IsNamedAsync(AppDbContext db, ClaimsPrincipal user, IReadOnlyCollection<string> emails, CancellationToken ct)
    {
        if (user.MemberId() is not { } me || emails.Count == 0) return false;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == me && u.EmailConfirmed && u.DeletedAt == null).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return account is not null && emails.Any(e => string.Equals(e.Trim(), account, StringComparison.OrdinalIgnoreCase));
    }
}
