using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Candidates.Pages;

/// <summary>The pipeline: how many are at each stage, recruiting per state and per county's precincts, and the candidates.</summary>
public sealed class IndexModel(CandidatesReports reports) : PageModel
{
    public Pipeline Pipeline { get; private set; } = null!;
    public Page<CandidateCard> Candidates { get; private set; } = null!;
    public string? State { get; private set; }
    public Stage? Stage { get; private set; }

    public string PageLink(int page) => $"/candidates?state={State}&stage={Stage}&page={page}";

    public async Task OnGetAsync(string? state, Stage? stage, int? page, CancellationToken ct)
    {
        (State, Stage) = (Codes.Of(state) is { Length: 2 } s ? s : null, stage is { } st && Enum.IsDefined(st) ? st : null);
        Pipeline = await reports.PipelineAsync(State, ct);
        Candidates = await reports.ListAsync(State, Stage, null, null, page, 20, ct);
    }
}
