using Grassroots.Features.Notices;
using Grassroots.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Convention;

/// <summary>Telling a member they are asked to chair, named a delegate, or that a group they organize has seats to fill: saved with the caller's other changes.</summary>
internal static class AssemblyInvitations
{
    /// <summary>
    /// At most one notice (and so one mail) a day per member and assembly: asking, withdrawing and asking again in a
    /// loop can't fill someone's mailbox. The question itself stands on the assembly's page either way.
    /// </summary>
    public static async Task TellAsync(AppDbContext db, Guid who, string slug, DateTimeOffset now, Dictionary<string, string> args, Guid actor, CancellationToken ct, string page = "")
    {
        var link = $"/assemblies/{slug}{page}";
        var dayAgo = now.AddDays(-1);
        if (await db.Notices.AnyAsync(n => n.MemberId == who && n.Kind == NoticeKind.AssemblyInvitation && n.Link == link && n.CreatedAt > dayAgo, ct)) return;
        Notices.Notices.Tell(db, who, NoticeKind.AssemblyInvitation, link, now, args, actorId: actor);
    }
}
