using Grassroots.Infrastructure.Audit;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

[Authorize]
public sealed class PasskeysModel(UserManager<Member> users, SignInManager<Member> signIn, AuditLog audit, AppDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Key(string Id, string? Name, DateTimeOffset CreatedAt);
    public IReadOnlyList<Key> Keys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAddAsync(string? credential, string? name)
    {
        if (await LoadAsync() is not { } member) return Challenge();
        if (string.IsNullOrEmpty(credential))
        {
            ModelState.AddModelError("", l["The browser sent no passkey. Try again, and allow the browser to create it."]);
            return Page();
        }
        PasskeyAttestationResult attestation;
        try { attestation = await signIn.PerformPasskeyAttestationAsync(credential); }
        catch (InvalidOperationException)
        {
            // A credential posted without first asking for the creation options (a stale tab, a hand-made request).
            ModelState.AddModelError("", l["The browser sent no passkey. Try again, and allow the browser to create it."]);
            return Page();
        }
        if (!attestation.Succeeded)
        {
            ModelState.AddModelError("", l["The passkey could not be verified: {0}", attestation.Failure.Message]);
            return Page();
        }
        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(60, name.Trim().Length)];
        var result = await users.AddOrUpdatePasskeyAsync(member, passkey);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }
        audit.Record(member.Id, "member.passkey.add", "member", member.Id);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["Your passkey is added. Next time, sign in with it."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        if (await LoadAsync() is not { } member) return Challenge();
        byte[] credentialId;
        try { credentialId = WebEncoders.Base64UrlDecode(id ?? ""); }
        catch (FormatException) { return BadRequest(); }
        await users.RemovePasskeyAsync(member, credentialId);
        audit.Record(member.Id, "member.passkey.remove", "member", member.Id);
        await db.SaveChangesAsync();
        TempData["Flash"] = l["The passkey is removed."].Value;
        return RedirectToPage();
    }

    private async Task<Member?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { DeletedAt: null } member) return null;
        Keys = (await users.GetPasskeysAsync(member))
            .Select(p => new Key(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name, p.CreatedAt)).OrderBy(k => k.CreatedAt).ToList();
        return member;
    }
}
