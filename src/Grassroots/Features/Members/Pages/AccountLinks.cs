using System.Text;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Members.Pages;

/// <summary>Builds the links in account emails; the site's public address comes from Email:PublicBaseUrl when set.</summary>
public sealed class AccountLinks(UserManager<Member> users, IOptions<EmailOptions> options)
{
    public async Task<string> ConfirmationAsync(HttpRequest request, Member member)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(member));
        return $"{Base(request)}/account/confirm?userId={member.Id}&code={code}";
    }

    public async Task<string> ResetAsync(HttpRequest request, Member member)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(member));
        return $"{Base(request)}/account/reset?userId={member.Id}&code={code}";
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    private string Base(HttpRequest request) =>
        options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
}
