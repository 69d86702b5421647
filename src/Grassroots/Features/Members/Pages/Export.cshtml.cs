using System.Globalization;
using System.Text.Json;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Members.Pages;

/// <summary>
/// Everything Grassroots holds about the member (the read is audited): a page to read, in sections,
/// and the same data as a JSON download (/me/export/json). The page is drawn from the JSON document
/// itself, so it shows exactly what the download holds, each feature's part included.
/// </summary>
[Authorize]
public sealed class ExportModel(DataExport export, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public DateTimeOffset ExportedAt { get; private set; }
    public IReadOnlyList<ExportSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        if (format is not (null or "json")) return NotFound();
        if (await export.ExportAsync(User.RequiredMemberId(), ct) is not { } data) return NotFound();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, Json);
        if (format == "json") return File(bytes, "application/json", "grassroots-my-data.json");

        ExportedAt = data.ExportedAt;
        using var doc = JsonDocument.Parse(bytes);
        Sections = doc.RootElement.EnumerateObject().Where(p => p.Name != "exportedAt").Select(Section).ToList();
        return Page();
    }

    private ExportSection Section(JsonProperty part)
    {
        var title = Titles().TryGetValue(part.Name, out var t) ? t : Humanize(part.Name);
        if (part.Value.ValueKind == JsonValueKind.Object)
            return new ExportSection(part.Name, title, Columns(part.Value), [Row(part.Name, part.Value)], IsRecord: true);
        var items = part.Value.ValueKind == JsonValueKind.Array ? part.Value.EnumerateArray().ToList() : [];
        var columns = items.FirstOrDefault() is { ValueKind: JsonValueKind.Object } first ? Columns(first) : [];
        return new ExportSection(part.Name, title, columns, items.Select(i => Row(part.Name, i)).ToList(), IsRecord: false);
    }

    // Ids are in the download for programs; a reader gets the names beside them.
    private IReadOnlyList<(string Key, string Heading)> Columns(JsonElement item) =>
        item.EnumerateObject().Where(p => !((p.Name == "id" || p.Name.EndsWith("Id")) && p.Value.ValueKind == JsonValueKind.String && Guid.TryParse(p.Value.GetString(), out _)))
            .Select(p => (p.Name, Headings().TryGetValue(p.Name, out var h) ? h : Humanize(p.Name))).ToList();

    private IReadOnlyDictionary<string, string> Row(string section, JsonElement item) =>
        item.ValueKind == JsonValueKind.Object ? item.EnumerateObject().ToDictionary(p => p.Name, p => p.Name == "culture" ? Language(p.Value) : Coded.Contains(p.Name) ? Code(section, p.Name, p.Value) : Text(p.Value))
            : new Dictionary<string, string> { [""] = Text(item) };

    // Columns that hold a code the site names in words elsewhere (a role, a pledge's status, a vote): the reader's words for it.
    // (Their names are looked up as keys: "Organizer", "Member", "Pending", "Accepted", "Keep", "Remove"….)
    private static readonly HashSet<string> Coded = ["role", "status", "vote", "scope"];

    // A language by its own name ("español"), as language pickers show it.
    private string Language(JsonElement v) => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } code
        && CultureInfo.GetCultures(CultureTypes.NeutralCultures).Any(c => c.Name == code) ? CultureInfo.GetCultureInfo(code).NativeName : Text(v);

    // A code whose word depends on what it names (an amendment is "Abierta", a role "Creación") has a key of its own,
    // "section.column.Code"; the rest share the site's words.
    private string Code(string section, string column, JsonElement v) =>
        v.ValueKind != JsonValueKind.String ? Text(v)
        : l[$"{section}.{column}.{v.GetString()}"] is { ResourceNotFound: false } specific ? specific.Value
        : l[v.GetString()!] is { ResourceNotFound: false } named ? named.Value : Text(v);

    private string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => l["Yes"],
        JsonValueKind.False => l["No"],
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.Array => v.GetArrayLength() == 0 ? "—" : string.Join(", ", v.EnumerateArray().Select(Text)),
        JsonValueKind.Number => v.TryGetInt64(out var n) ? n.ToString("N0", CultureInfo.CurrentCulture) : v.GetRawText(),
        JsonValueKind.String when v.TryGetDateTimeOffset(out var at) && v.GetString()!.Length >= 20 => at.ToString("g", CultureInfo.CurrentCulture) + " UTC",
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    private static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : i == 0 ? char.ToUpperInvariant(c).ToString() : c.ToString()));

    private Dictionary<string, string> Titles() => new()
    {
        ["profile"] = l["Profile"], ["accessLog"] = l["Who read or changed my data"], ["memberships"] = l["My groups"],
        ["messagesSent"] = l["Messages I sent"], ["replies"] = l["Replies I wrote"], ["notices"] = l["Notices"], ["noticeSettings"] = l["How I hear of notices"], ["projectsOwned"] = l["Projects I run"], ["following"] = l["Projects I follow"],
        ["pledges"] = l["What I pledged"], ["flagsRaised"] = l["Flags I raised"], ["jurySeats"] = l["Juries I sat on"],
        ["platformDocuments"] = l["Platform documents I started"], ["amendments"] = l["Amendments I proposed, every revision"],
        ["cosignatures"] = l["Amendments I co-signed"], ["amendmentComments"] = l["My comments on amendments"], ["facilitating"] = l["Documents I facilitate"],
        ["facilitatorInvitations"] = l["Invitations to facilitate a document"], ["facilitatorActs"] = l["What I did as a facilitator"], ["conversationsStarted"] = l["Conversations I started"],
        ["conversations"] = l["Conversations I took part in"], ["statements"] = l["Statements I wrote"], ["statementVotes"] = l["My votes on statements"],
    };

    private Dictionary<string, string> Headings() => new()
    {
        ["email"] = l["Email"], ["emailConfirmed"] = l["Email confirmed"], ["displayName"] = l["Name"], ["zip"] = l["ZIP code"], ["city"] = l["City"],
        ["state"] = l["State"], ["skills"] = l["Skills"], ["tags"] = l["Other skills or tags"], ["issues"] = l["Issues I care about"],
        ["availability"] = l["When I can help"], ["bio"] = l["About me"], ["showFullName"] = l["Show my full name"], ["showSkills"] = l["Show my skills"],
        ["showIssues"] = l["Show the issues I care about"], ["openToAsks"] = l["Project owners may ask me for help"], ["culture"] = l["Language"],
        ["createdAt"] = l["Since"], ["at"] = l["When"], ["action"] = l["What"], ["byMe"] = l["By me"], ["groupName"] = l["Group"], ["role"] = l["Role"],
        ["joinedAt"] = l["Joined"], ["subject"] = l["Subject"], ["body"] = l["Message"], ["sentAt"] = l["Sent"], ["recipients"] = l["Recipients"],
        ["title"] = l["Project"], ["projectTitle"] = l["Project"], ["ownerSince"] = l["Owner since"], ["followedAt"] = l["Followed since"],
        ["need"] = l["Need"], ["amount"] = l["How many"], ["note"] = l["Note"], ["status"] = l["Status"], ["contentType"] = l["Kind"],
        ["contentId"] = l["Item"], ["value"] = l["Value"], ["reason"] = l["Reason"], ["contentTitle"] = l["Case"], ["round"] = l["Round"],
        ["drawnAt"] = l["Drawn"], ["vote"] = l["Vote"], ["votedAt"] = l["Voted"], ["notice"] = l["Notice"], ["link"] = l["Link"],
        ["readAt"] = l["Read"], ["delivery"] = l["How"], ["scope"] = l["To"],
        ["document"] = l["Document"], ["amendment"] = l["Amendment"], ["revision"] = l["Revision"], ["amendmentTitle"] = l["Title"], ["text"] = l["Text"],
        ["writtenAt"] = l["Written"], ["deleted"] = l["Deleted"], ["namedAt"] = l["Named"], ["detail"] = l["Detail"], ["conversation"] = l["Conversation"],
        ["participant"] = l["My number"], ["statement"] = l["Statement"],
    };
}

/// <summary>One part of the export as the page shows it: a record (the profile) or a list of rows.</summary>
public sealed record ExportSection(string Key, string Title, IReadOnlyList<(string Key, string Heading)> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, bool IsRecord);
