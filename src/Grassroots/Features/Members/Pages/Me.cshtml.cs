using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[Authorize]
public sealed class MeModel(UserManager<Member> users, ZipCodes zips, Groups.GroupDetails groups, IStringLocalizer<SharedResource> l) : FormPage
{
    public Page<Groups.MyGroup> MyGroups { get; private set; } = null!;

    public sealed class Form
    {
        public string? DisplayName { get; set; }
        public string? Zip { get; set; }
        public List<string> Skills { get; set; } = [];
        public string? TagsText { get; set; }
        public List<string> Issues { get; set; } = [];
        public List<string> Availability { get; set; } = [];
        public string? Bio { get; set; }
        public bool ShowFullName { get; set; }
        public bool ShowSkills { get; set; }
        public bool ShowIssues { get; set; }
        public bool OpenToAsks { get; set; }
        public string? Culture { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public Guid MemberId { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { DeletedAt: null } m) return Challenge();
        MemberId = m.Id;
        MyGroups = await groups.MineAsync(m.Id, 1, 50, HttpContext.RequestAborted);
        Input = new Form
        {
            DisplayName = m.DisplayName, Zip = m.Zip, Skills = m.Skills, TagsText = string.Join(", ", m.Tags), Issues = m.Issues,
            Availability = m.Availability, Bio = m.Bio, ShowFullName = m.ShowFullName, ShowSkills = m.ShowSkills,
            ShowIssues = m.ShowIssues, OpenToAsks = m.OpenToAsks, Culture = m.Culture,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { DeletedAt: null } m) return Challenge();
        MemberId = m.Id;
        MyGroups = await groups.MineAsync(m.Id, 1, 50, HttpContext.RequestAborted);
        var errors = Profile.Apply(m, new ProfileInput
        {
            DisplayName = Input.DisplayName, Zip = Input.Zip, Skills = Input.Skills, Issues = Input.Issues, Availability = Input.Availability,
            Tags = (Input.TagsText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Bio = Input.Bio, ShowFullName = Input.ShowFullName, ShowSkills = Input.ShowSkills, ShowIssues = Input.ShowIssues,
            OpenToAsks = Input.OpenToAsks, Culture = Input.Culture,
        }, zips, l);
        if (!errors.IsEmpty)
        {
            errors.CopyTo(ModelState, nameof(Input));
            return Page();
        }
        await users.UpdateAsync(m);
        if (m.Culture is { } c)
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c)));
        TempData["Flash"] = l["Your profile is saved."].Value;
        return RedirectToPage();
    }
}
