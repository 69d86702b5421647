using System.Security.Cryptography;
using Grassroots.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Notices;

/// <summary>
/// The link in every notice email that stops that kind of email without signing in (RFC 8058). Its token is
/// Data Protection's, bound to this purpose and naming the member and the kind (or the daily digest), so it
/// cannot be forged or turned into another member's; a GET only shows what a POST would do.
/// </summary>
public sealed class Unsubscribing(IDataProtectionProvider protection, AppDbContext db, Inbox inbox)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Grassroots.Notices.Unsubscribe.v1");

    /// <summary>The daily digest as a whole: every kind the member hears of in the digest.</summary>
    public const int DigestKind = 0;

    public string Token(Guid memberId, NoticeKind? kind) => _protector.Protect($"{memberId:N}.{(kind is { } k ? (int)k : DigestKind)}");

    public static string Path(string token) => "/notices/unsubscribe?token=" + Uri.EscapeDataString(token);

    public enum State { Invalid, AccountGone, Ready }

    /// <summary>What the token names; <see cref="State.Invalid"/> for a damaged, altered or foreign one.</summary>
    public async Task<(State State, Guid MemberId, NoticeKind? Kind)> ReadAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return (State.Invalid, default, null);
        string plain;
        try { plain = _protector.Unprotect(token); }
        catch (CryptographicException) { return (State.Invalid, default, null); }
        catch (FormatException) { return (State.Invalid, default, null); }
        var parts = plain.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var memberId) || !int.TryParse(parts[1], out var k)) return (State.Invalid, default, null);
        NoticeKind? kind = k == DigestKind ? null : (NoticeKind)k;
        if (kind is { } named && !NoticeKinds.IsKnown(named)) return (State.Invalid, default, null);
        var live = await db.Users.AnyAsync(u => u.Id == memberId && u.DeletedAt == null, ct);
        return (live ? State.Ready : State.AccountGone, memberId, kind);
    }

    /// <summary>Stops the email the token names: its kind, or every kind now in the digest. Idempotent.</summary>
    public async Task<State> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var (state, memberId, kind) = await ReadAsync(token, ct);
        if (state != State.Ready) return state;
        if (kind is { } one)
        {
            await inbox.SetAsync(memberId, new Dictionary<NoticeKind, NoticeDelivery> { [one] = NoticeDelivery.Never }, ct);
            return state;
        }
        var settings = await inbox.SettingsAsync(memberId, ct);
        var digest = settings.Where(s => s.Delivery == NoticeDelivery.Digest).ToDictionary(s => s.Kind, _ => NoticeDelivery.Never);
        if (digest.Count > 0) await inbox.SetAsync(memberId, digest, ct);
        return state;
    }
}
