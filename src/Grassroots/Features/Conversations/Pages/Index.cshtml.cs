using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Conversations.Pages;

public sealed class IndexModel(Deliberating deliberating) : PageModel
{
    public Page<ConversationSummary> List { get; private set; } = null!;

    public Guid? Document { get; private set; }

    public string PageLink(int n) => $"?page={n}" + (Document is { } d ? $"&document={d}" : "");

    /// <summary>?document= those on one platform document.</summary>
    public async Task OnGetAsync(Guid? document, int? page, CancellationToken ct)
    {
        Document = document;
        List = await deliberating.ListAsync(document, page, 20, ct);
    }
}
