using Grassroots.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Events.Pages;

/// <summary>/events/embed: the map and the next few events, for a partner's page in an iframe; links open our pages in a new tab.</summary>
public sealed class EmbedModel(EventSearch search, AppDbContext db, IOptions<EventMapOptions> map) : FindModel(search, db, map)
{
    public const int Size = 8;
    protected override string Path => "/events/embed";
    protected override int? ListSize => Size;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        EventPageHeaders.AllowFraming(HttpContext, Map);
}
