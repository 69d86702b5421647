using System.Security.Claims;
using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Conversations;

/// <summary>
/// A conversation can be flagged (its statements have moderators of their own); whoever started it is its author.
/// Hidden, it is out of the lists, a notice for everyone else, and frozen: no statements, votes or moderation.
/// </summary>
internal sealed class FlaggableConversation(AppDbContext db) : IFlaggableContent
{
    public const string Type = "conversation";
    public string ContentType => Type;

    public async Task<FlagTarget?> FindAsync(string contentId, CancellationToken ct)
    {
        if (!Guid.TryParse(contentId, out var id)) return null;
        var c = await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Topic, c.Slug, c.CreatedById }).SingleOrDefaultAsync(ct);
        return c is null ? null : new FlagTarget(id.ToString(), c.Topic.Length > 200 ? c.Topic[..199] + "…" : c.Topic, "/conversations/" + c.Slug, null, [c.CreatedById]);
    }

    public Task SetModerationAsync(string id, ContentModeration state, CancellationToken ct) =>
        db.Conversations.Where(c => c.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Moderation, state), ct);
}

/// <summary>How the conversation's page and API show a conversation a jury reviews or removed (see <see cref="ModerationNotices"/>).</summary>
public sealed class ConversationModeration(ModerationNotices notices)
{
    public Task<ModerationNotice> ForViewerAsync(Conversation c, ClaimsPrincipal viewer, CancellationToken ct) =>
        c.Moderation == ContentModeration.Visible ? Task.FromResult(ModerationNotice.None)
        : notices.ForViewerAsync(FlaggableConversation.Type, c.Id.ToString(), c.Moderation, c.CreatedById == viewer.MemberId(), viewer.MemberId(), ct);

    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(ModerationNotice notice) => notices.Problem(notice);
}
