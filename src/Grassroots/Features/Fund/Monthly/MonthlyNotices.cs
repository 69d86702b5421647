using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Fund.Monthly;

/// <summary>
/// Tells a donor, in their language, that a monthly gift stopped by itself (the card declined month after month, or
/// nobody it went to is backed any more): they asked to be charged every month, so an end they did not choose is said,
/// with a way to give again. Written with the write that stopped it, so the mail goes only if the stop was committed.
/// </summary>
public sealed class MonthlyNotices(Outbox outbox, SiteLinks links, IStringLocalizer<SharedResource> l)
{
    public async Task StoppedAsync(AppDbContext writer, Guid monthlyId, string reason, CancellationToken ct)
    {
        var m = await writer.MonthlyGifts.AsNoTracking().Where(x => x.Id == monthlyId)
            .Select(x => new { x.Cents, x.DonorName, x.Culture, Email = x.Donor!.DeletedAt == null ? x.Donor.Email : null }).SingleOrDefaultAsync(ct);
        if (m?.Email is not { Length: > 0 } email) return;
        using var _ = RecipientCulture.Use(m.Culture);
        var why = reason == "declined" ? l["the card was declined several months in a row"] : l["no one it went to is a candidate we back any more"];
        var text = new System.Text.StringBuilder()
            .AppendLine(l["Hello {0},", m.DonorName]).AppendLine()
            .AppendLine(l["Your monthly gift of {0} has stopped: {1}. Nothing more will be charged.", Money.Format(m.Cents), why]).AppendLine()
            .AppendLine(l["To give again, or to start a new monthly gift: {0}", links.To("/give")])
            .AppendLine(l["Your monthly gifts: {0}", links.To("/give/monthly")]);
        outbox.EnqueueInto(writer, email, l["Your monthly gift of {0} has stopped", Money.Format(m.Cents)], text.ToString(), new MailExtras());
    }
}
