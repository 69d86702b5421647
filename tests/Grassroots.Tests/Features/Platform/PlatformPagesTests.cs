using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Platform;

/// <summary>The platform through its pages: start a document after a preview, amend, co-sign, comment, facilitate.</summary>
public abstract class PlatformPagesTests(AppFactory app)
{
    [Fact]
    public async Task A_document_is_previewed_before_it_is_saved_and_bad_text_says_what_to_fix()
    {
        var (member, _) = await app.MemberAsync();
        var browser = await app.BrowserAsync(member);
        var title = $"Page platform {Guid.NewGuid():N}"[..24];
        var bad = await Forms.SubmitAsync(browser, "/platform/new", new Dictionary<string, string> { ["Title"] = title, ["Text"] = "## Empty" }, "/platform/new?handler=Preview");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("The text has no planks", Forms.Text(await bad.Content.ReadAsStringAsync()));
        var preview = Forms.Text(await (await Forms.SubmitAsync(browser, "/platform/new", new Dictionary<string, string> { ["Title"] = title, ["Text"] = PlatformTests.Text }, "/platform/new?handler=Preview")).Content.ReadAsStringAsync());
        Assert.Contains("3 planks", preview);
        Assert.Contains("Create the document", preview);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PlatformDocuments.AnyAsync(d => d.Title == title)));
        var created = await Forms.SubmitAsync(browser, "/platform/new", new Dictionary<string, string> { ["Title"] = title, ["Text"] = PlatformTests.Text }, "/platform/new?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = Forms.Text(await browser.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("Raise the minimum wage to $15", page);
        Assert.Contains("Propose a change", page);
        Assert.Contains("Facilitate", page);
    }

    [Fact]
    public async Task A_member_amends_through_the_form_others_cosign_and_comment_and_a_facilitator_merges()
    {
        var (creatorMember, creatorApi) = await app.MemberAsync("Cleo Creator");
        var doc = await PlatformTests.CreateAsync(creatorApi);
        var creator = await app.BrowserAsync(creatorMember);
        var (author, _) = await app.MemberAsync("Abe Author");
        var authorBrowser = await app.BrowserAsync(author);
        var plank = doc.Planks.First();
        var amendUrl = $"/platform/{doc.Slug}/amend?plank={plank.Key}";
        Assert.Contains("Raise the minimum wage to $15", Forms.Text(await authorBrowser.GetStringAsync(amendUrl))); // prefilled with the plank
        var empty = await Forms.SubmitAsync(authorBrowser, amendUrl, new Dictionary<string, string> { ["Kind"] = "Change", ["Title"] = "", ["Text"] = plank.Body });
        var emptyHtml = Forms.Text(await empty.Content.ReadAsStringAsync());
        Assert.Contains("Name the amendment in a few words", emptyHtml);
        Assert.Contains("The text is the same as the plank", emptyHtml);
        var proposed = await Forms.SubmitAsync(authorBrowser, amendUrl, new Dictionary<string, string>
        {
            ["Kind"] = "Change", ["Title"] = "A $20 wage", ["Text"] = "Raise the minimum wage to $20 and end tipped wages for all workers.", ["Reason"] = "Rent.",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var url = proposed.Headers.Location!.OriginalString;
        var page = await authorBrowser.GetStringAsync(url);
        Assert.Contains("<del>", page);
        Assert.Contains("$20", page);

        var (signer, _) = await app.MemberAsync();
        var signerBrowser = await app.BrowserAsync(signer);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(signerBrowser, url, new Dictionary<string, string> { ["sign"] = "true" }, url + "?handler=Cosign")).StatusCode);
        Assert.Contains("Withdraw my signature", Forms.Text(await signerBrowser.GetStringAsync(url)));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(signerBrowser, url, new Dictionary<string, string> { ["Body"] = "Yes **please**." }, url + "?handler=Comment")).StatusCode);
        Assert.Contains("<strong>please</strong>", await creator.GetStringAsync(url));

        // The facilitator accepts on the amendment's page and merges on theirs.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SubmitAsync(creator, url, new Dictionary<string, string> { ["accept"] = "true", ["Note"] = "" }, url + "?handler=Decide")).StatusCode);
        var facilitate = $"/platform/{doc.Slug}/facilitate";
        Assert.Contains("Abe", Forms.Text(await creator.GetStringAsync(facilitate))); // a participant to name
        var merged = await Forms.SubmitAsync(creator, facilitate, new Dictionary<string, string> { ["Numbers"] = "1", ["Note"] = "The wage" }, facilitate + "?handler=Merge");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains("$20", Forms.Text(await creator.GetStringAsync($"/platform/{doc.Slug}")));
        Assert.Contains("Merged amendments into a new version", Forms.Text(await authorBrowser.GetStringAsync($"/platform/{doc.Slug}/history")));
        Assert.Contains("<ins>", await authorBrowser.GetStringAsync($"/platform/{doc.Slug}/compare?from=1&to=2"));
        // The facilitators' room is theirs alone.
        Assert.Equal(HttpStatusCode.NotFound, (await authorBrowser.GetAsync(facilitate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await authorBrowser.GetAsync($"/platform/{doc.Slug}/compare?from=1&to=9")).StatusCode);
    }

    [Fact]
    public async Task A_cosigner_of_an_earlier_revision_sees_what_changed_since_they_signed()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (author, authorApi) = await app.MemberAsync();
        var a = await PlatformTests.ProposeAsync(authorApi, doc, doc.Planks.First().Key, "Raise the minimum wage to $20 and end tipped wages for all workers.");
        var (signer, signerApi) = await app.MemberAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await signerApi.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        var url = $"/platform/{doc.Slug}/amendments/{a.Number}";
        var signerBrowser = await app.BrowserAsync(signer);
        Assert.DoesNotContain("What changed since you signed", await signerBrowser.GetStringAsync(url)); // nothing changed yet

        Assert.Equal(HttpStatusCode.NoContent, (await authorApi.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/revisions",
            new { title = "Change it", text = "Raise the minimum wage to $20 by 2028 and end tipped wages for all workers.", reason = "" })).StatusCode);
        var page = await signerBrowser.GetStringAsync(url);
        Assert.Contains("What changed since you signed", page);
        // Revision 1 against revision 2: only the words put in since, beside the choice to keep or withdraw.
        var since = page[page.IndexOf("What changed since you signed", StringComparison.Ordinal)..page.IndexOf("I still co-sign it", StringComparison.Ordinal)];
        Assert.Contains("Revision 1, which you signed, against revision 2, the latest", Forms.Text(since));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(since, @"<ins><span class=""visually-hidden"">\[words put in: </span>\s?by 2028\s?<"), since);
        Assert.DoesNotContain("<del><span", since);
        var view = (await signerApi.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/{a.Number}"))!;
        Assert.Equal([(DiffKind.Inserted, "by 2028")], view.SinceISigned!.Where(p => p.Kind != DiffKind.Same).Select(p => (p.Kind, p.Text.Trim())));
        // The author, who signs nothing, and a co-signer of the latest wording see no such part.
        Assert.DoesNotContain("What changed since you signed", await (await app.BrowserAsync(author)).GetStringAsync(url));
        Assert.Equal(HttpStatusCode.NoContent, (await signerApi.PutAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/cosign", null)).StatusCode);
        Assert.DoesNotContain("What changed since you signed", await signerBrowser.GetStringAsync(url));
        Assert.Null((await signerApi.GetFromJsonAsync<AmendmentView>($"/api/platform/{doc.Slug}/amendments/{a.Number}"))!.SinceISigned);
    }

    [Fact]
    public async Task Times_say_they_are_utc_and_carry_the_moment_for_the_readers_clock()
    {
        var (_, creator) = await app.MemberAsync();
        var doc = await PlatformTests.CreateAsync(creator);
        var (author, authorApi) = await app.MemberAsync();
        var a = await PlatformTests.ProposeAsync(authorApi, doc, doc.Planks.First().Key, "Raise the minimum wage to $20 and end tipped wages for all workers.");
        Assert.Equal(HttpStatusCode.NoContent, (await authorApi.PostAsJsonAsync($"/api/platform/{doc.Slug}/amendments/{a.Number}/revisions",
            new { title = "Change it", text = "Raise the minimum wage to $20 by 2028 and end tipped wages for all workers.", reason = "" })).StatusCode);
        var page = await (await app.BrowserAsync(author)).GetStringAsync($"/platform/{doc.Slug}/amendments/{a.Number}");
        // "26 Nov 2026, 18:45 UTC" in the page (local-time.js shows it at the reader's clock), an exact UTC moment in datetime.
        var time = System.Text.RegularExpressions.Regex.Match(page, @"<time datetime=""(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"" class=""local-time"">(\d{1,2} \w+ \d{4}, \d\d:\d\d) UTC</time>");
        Assert.True(time.Success, "no labelled time in the list of revisions");
        var at = DateTimeOffset.Parse(time.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(at.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-US")), time.Groups[2].Value);
        Assert.Contains("/js/local-time.js", page);
    }
}

public sealed class PlatformPagesTests_Sqlite(SqliteApp app) : PlatformPagesTests(app), IClassFixture<SqliteApp>;
public sealed class PlatformPagesTests_Postgres(PostgresApp app) : PlatformPagesTests(app), IClassFixture<PostgresApp>;
