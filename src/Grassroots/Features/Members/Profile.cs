using Grassroots.Features.Moderation;
using Grassroots.Infrastructure.Geo;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members;

/// <summary>What a member may change about themselves (API body and page form alike).</summary>
public sealed record ProfileInput
{
    public string? DisplayName { get; init; }
    public string? Zip { get; init; }
    public List<string>? Skills { get; init; }
    public List<string>? Tags { get; init; }
    public List<string>? Issues { get; init; }
    public List<string>? Availability { get; init; }
    public string? Bio { get; init; }
    public bool ShowFullName { get; init; }
    public bool ShowSkills { get; init; }
    public bool ShowIssues { get; init; }
    public bool OpenToAsks { get; init; }
    public string? Culture { get; init; }
}

/// <summary>A member as the member sees themselves.</summary>
public sealed record ProfileView(
    Guid Id, string Email, bool EmailConfirmed, string DisplayName, string? Zip, string? City, string? State,
    IReadOnlyList<string> Skills, IReadOnlyList<string> Tags, IReadOnlyList<string> Issues,
    IReadOnlyList<string> Availability, string? Bio, bool ShowFullName, bool ShowSkills, bool ShowIssues,
    bool OpenToAsks, string? Culture, DateTimeOffset CreatedAt)
{
    public static ProfileView Of(Member m) => new(m.Id, m.Email ?? "", m.EmailConfirmed, m.DisplayName, m.Zip, m.City, m.State,
        m.Skills, m.Tags, m.Issues, m.Availability, m.Bio, m.ShowFullName, m.ShowSkills, m.ShowIssues, m.OpenToAsks,
        m.Culture, m.CreatedAt);
}

/// <summary>A member as anyone else sees them: first name and city unless they chose to show more.</summary>
public sealed record PublicMemberView(Guid Id, string Name, string? City, string? State,
    IReadOnlyList<string> Skills, IReadOnlyList<string> Issues, bool UnderReview)
{
    public static PublicMemberView Of(Member m)
    {
        var shown = m.DeletedAt is null;
        return new(m.Id, m.PublicName, shown ? m.City : null, shown ? m.State : null,
            m.ShowSkills ? m.Skills : [], m.ShowIssues ? m.Issues : [], shown && m.Moderation != Moderation.ContentModeration.Visible);
    }
}

public static class Profile
{
    public const int MaxNameLength = 80;
    public const int MaxBioLength = 2000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    /// <summary>Checks the input and, when it is valid, applies it to the member.</summary>
    public static FieldErrors Apply(Member member, ProfileInput input, ZipCodes zips, IStringLocalizer l)
    {
        var errors = new FieldErrors();
        var name = Infrastructure.Text.UserText.Collapse(input.DisplayName); // no invisible characters or compatibility forms in a name
        if (name.Length == 0) errors.Add(nameof(input.DisplayName), l["Enter your name."]);
        else if (name.Length > MaxNameLength) errors.Add(nameof(input.DisplayName), l["Your name can be at most {0} characters.", MaxNameLength]);

        ZipPlace? place = null;
        if (!string.IsNullOrWhiteSpace(input.Zip))
        {
            place = zips.Find(input.Zip);
            if (place is null) errors.Add(nameof(input.Zip), l["We don't know the ZIP code \"{0}\". Enter a 5-digit US ZIP code.", Trim(input.Zip)]);
        }

        CheckKeys(errors, nameof(input.Skills), input.Skills, Catalog.Skills, l);
        CheckKeys(errors, nameof(input.Issues), input.Issues, Catalog.Issues, l);
        CheckKeys(errors, nameof(input.Availability), input.Availability, Catalog.Availability, l);

        var tags = (input.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        if (tags.Count > MaxTags) errors.Add(nameof(input.Tags), l["At most {0} tags.", MaxTags]);
        if (tags.Any(t => t.Length > MaxTagLength)) errors.Add(nameof(input.Tags), l["A tag can be at most {0} characters.", MaxTagLength]);

        var bio = input.Bio?.Trim();
        if (bio?.Length > MaxBioLength) errors.Add(nameof(input.Bio), l["The bio can be at most {0} characters.", MaxBioLength]);

        if (input.Culture is not null and not ("" or "en" or "es"))
            errors.Add(nameof(input.Culture), l["Choose English (en) or Spanish (es)."]);

        // What others read of a flagged profile (name, bio, tags) is frozen while a jury reviews it and
        // after it removed it: the jurors judge what was flagged, not a copy cleaned up meanwhile.
        // The rest (place, skills, privacy, language) stays the member's to change.
        if (member.Moderation != ContentModeration.Visible)
        {
            var frozen = l["A community jury is reviewing your profile (or removed it): your name, bio and tags can't be changed until it decides."];
            if (name != member.DisplayName) errors.Add(nameof(input.DisplayName), frozen);
            if ((string.IsNullOrEmpty(bio) ? null : bio) != member.Bio) errors.Add(nameof(input.Bio), frozen);
            if (!tags.SequenceEqual(member.Tags)) errors.Add(nameof(input.Tags), frozen);
        }

        if (!errors.IsEmpty) return errors;

        member.DisplayName = name;
        member.Zip = place?.Zip;
        member.City = place?.City;
        member.State = place?.State;
        member.Latitude = place?.Latitude;
        member.Longitude = place?.Longitude;
        member.Skills = (input.Skills ?? []).Distinct().ToList();
        member.Issues = (input.Issues ?? []).Distinct().ToList();
        member.Availability = (input.Availability ?? []).Distinct().ToList();
        member.Tags = tags;
        member.Bio = string.IsNullOrEmpty(bio) ? null : bio;
        member.ShowFullName = input.ShowFullName;
        member.ShowSkills = input.ShowSkills;
        member.ShowIssues = input.ShowIssues;
        member.OpenToAsks = input.OpenToAsks;
        member.Culture = string.IsNullOrEmpty(input.Culture) ? null : input.Culture;
        return errors;
    }

    private static void CheckKeys(FieldErrors errors, string field, List<string>? keys, IReadOnlyDictionary<string, string> allowed, IStringLocalizer l)
    {
        // An empty choice posted by a form binds as null: it is no key at all.
        foreach (var k in keys ?? [])
            if (k is null || !allowed.ContainsKey(k))
                errors.Add(field, l["\"{0}\" is not one of the choices ({1}).", Trim(k ?? ""), string.Join(", ", allowed.Keys)]);
    }

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
