using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;

namespace Grassroots.Features.Events;

/// <summary>
/// The link that cancels an RSVP without signing in (a guest has no account): the RSVP's id protected by
/// the site's data-protection keys, so every mail about the RSVP (confirmation, seat opened, reminder) can
/// carry one, and nothing secret is stored. It stops mattering once the RSVP is cancelled.
/// </summary>
public sealed class RsvpLinks(IDataProtectionProvider protection, SiteLinks links)
{
    private readonly IDataProtector protector = protection.CreateProtector("Grassroots.Events.RsvpCancel.v1");

    public string Token(Guid rsvpId) => protector.Protect(rsvpId.ToString("N"));

    public string CancelPath(Guid eventId, Guid rsvpId) => $"/events/{eventId}/rsvps/{rsvpId}/cancel?token={Uri.EscapeDataString(Token(rsvpId))}";

    public string CancelUrl(Guid eventId, Guid rsvpId) => links.To(CancelPath(eventId, rsvpId));

    public bool Opens(Guid rsvpId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 400) return false;
        try { return protector.Unprotect(token) == rsvpId.ToString("N"); }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
    }
}
