using Grassroots.Features.Groups;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Messages.Pages;

/// <summary>A group's archive of messages (/groups/{slug}/messages).</summary>
[Authorize]
public sealed class GroupArchiveModel(GroupDetails groups, Reading reading) : PageModel
{
    public Archive Archive { get; private set; } = null!;
    public string? WritePath { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? p, CancellationToken ct)
    {
        if (await groups.FindAsync(slug, User.MemberId(), ct) is not { } g) return NotFound();
        var (archive, outcome) = await reading.ArchiveAsync(g.Id, null, User.RequiredMemberId(), p, Paging.DefaultSize, ct);
        if (archive is null) return Pages.Answer(this, outcome);
        Archive = archive;
        if (archive.IManage && g.Moderation == Moderation.ContentModeration.Visible) WritePath = $"/groups/{g.Slug}/message";
        return Page();
    }
}

/// <summary>A project's archive of messages (/projects/{slug}/messages).</summary>
[Authorize]
public sealed class ProjectArchiveModel(ProjectDetails projects, Reading reading) : PageModel
{
    public Archive Archive { get; private set; } = null!;
    public string? WritePath { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? p, CancellationToken ct)
    {
        if (await projects.FindAsync(slug, User, ct) is not { } project) return NotFound();
        var (archive, outcome) = await reading.ArchiveAsync(null, project.Id, User.RequiredMemberId(), p, Paging.DefaultSize, ct);
        if (archive is null) return Pages.Answer(this, outcome);
        Archive = archive;
        if (archive.IManage && project.Moderation == Moderation.ContentModeration.Visible) WritePath = $"/projects/{project.Slug}/message";
        return Page();
    }
}
