using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Grassroots.Features.Messages;

/// <summary>Who may write through a relay address: one side of one thread (message + participant).</summary>
public readonly record struct RelayKey(Guid MessageId, Guid ThreadId, bool FromSender);

/// <summary>
/// Reply addresses: reply+token@Email:RelayDomain. The token is the only key, so it is Data Protection output
/// bound to this purpose (a token minted for anything else does not open) naming the message, the thread and
/// which side writes. Base32 in lower case, because mail systems may change the case of an address.
/// </summary>
public sealed class RelayAddresses(IDataProtectionProvider protection, IOptions<RelayOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Grassroots.Conversations.Relay.v1");

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.RelayDomain);

    /// <summary>The address the given side of a thread replies to, or null when the relay is off.</summary>
    public string? For(RelayKey key)
    {
        if (!Enabled) return null;
        var payload = new byte[33];
        key.MessageId.TryWriteBytes(payload.AsSpan(0, 16));
        key.ThreadId.TryWriteBytes(payload.AsSpan(16, 16));
        payload[32] = key.FromSender ? (byte)1 : (byte)0;
        return $"reply+{Base32.Encode(_protector.Protect(payload))}@{options.Value.RelayDomain!.Trim()}";
    }

    /// <summary>Reads a relay address; null when it is not one of ours or its token does not open.</summary>
    public RelayKey? Read(string address)
    {
        if (!Enabled) return null;
        var at = address.LastIndexOf('@');
        if (at < 0 || !address[(at + 1)..].Equals(options.Value.RelayDomain!.Trim(), StringComparison.OrdinalIgnoreCase)) return null;
        var local = address[..at];
        if (!local.StartsWith("reply+", StringComparison.OrdinalIgnoreCase)) return null;
        if (Base32.Decode(local["reply+".Length..]) is not { } bytes) return null;
        byte[] payload;
        try { payload = _protector.Unprotect(bytes); }
        catch (CryptographicException) { return null; }
        if (payload.Length != 33 || payload[32] > 1) return null;
        return new RelayKey(new Guid(payload.AsSpan(0, 16)), new Guid(payload.AsSpan(16, 16)), payload[32] == 1);
    }
}

/// <summary>RFC 4648 base32 without padding, lower case (case-insensitive when read).</summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var sb = new System.Text.StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    public static byte[]? Decode(string text)
    {
        if (text.Length is 0 or > 1000) return null;
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(char.ToLowerInvariant(c));
            if (v < 0) return null;
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((buffer >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }
        return output.ToArray();
    }
}
