using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Notices;

/// <summary>What each kind is called, how it is heard by default, and its words in the reader's language.</summary>
public static class NoticeKinds
{
    /// <summary>The kinds a member chooses how to hear of (the settings page, the API, unsubscribe links).</summary>
    public static readonly IReadOnlyList<NoticeKind> All = Enum.GetValues<NoticeKind>().Where(k => !MailedByItsFeature(k)).ToList();

    /// <summary>
    /// Messages and replies are mailed by Conversations as they are written (their mail carries the text and a
    /// relay Reply-To); their notice is the site's record of them, on the bell. A member stops them by leaving
    /// the group, or withdrawing the pledge.
    /// </summary>
    public static bool MailedByItsFeature(NoticeKind kind) => kind is NoticeKind.MessageReceived or NoticeKind.ReplyReceived;

    /// <summary>
    /// Pledges, their answers and invitations matter at once: someone waits for an answer. Needs reopened by
    /// a member who left wait for the day's digest: nobody waits on the owner, and a big project would hear of many.
    /// </summary>
    /// Comments on one's amendment, and its co-signatures, come in the digest too: a lively amendment gathers many, and
    /// none waits on its author the way an answer to one's own comment does.
    public static NoticeDelivery Default(NoticeKind kind) =>
        kind is NoticeKind.PledgesWithdrawn or NoticeKind.AmendmentCommented or NoticeKind.AmendmentCosigned ? NoticeDelivery.Digest : NoticeDelivery.AtOnce;

    public static bool IsKnown(NoticeKind kind) => All.Contains(kind);

    /// <summary>The kind's name on the settings page and in unsubscribe pages ("Someone pledged to my project").</summary>
    public static string Name(NoticeKind kind, IStringLocalizer l) => kind switch
    {
        NoticeKind.PledgeReceived => l["Someone pledged to a need of a project I run"],
        NoticeKind.PledgeAccepted => l["My pledge was accepted"],
        NoticeKind.PledgeDeclined => l["My pledge was declined"],
        NoticeKind.PledgesWithdrawn => l["A volunteer left and needs of my project reopened"],
        NoticeKind.CoOwnerInvitation => l["I am invited to co-own a project"],
        NoticeKind.MergeProposed => l["Another project's owner proposes merging with mine"],
        NoticeKind.CohostInvitation => l["I am asked to co-host an event"],
        NoticeKind.MergeAnswered => l["My proposal to merge projects was answered"],
        NoticeKind.AmendmentRevised => l["An amendment I co-signed was revised"],
        NoticeKind.AmendmentDecided => l["An amendment I proposed reached the ballot, or was accepted, merged or rejected"],
        NoticeKind.AmendmentCommented => l["Someone commented on an amendment I proposed"],
        NoticeKind.CommentAnswered => l["Someone answered my comment on an amendment"],
        NoticeKind.FacilitatorInvitation => l["I am asked to facilitate a platform document"],
        NoticeKind.AmendmentCosigned => l["Someone co-signed an amendment I proposed"],
        NoticeKind.FacilitatorAnswered => l["Someone I asked to facilitate a platform document answered"],
        NoticeKind.AssemblyInvitation => l["An assembly asks me to chair, names me a delegate, or gives a group I organize delegate seats"],
        NoticeKind.CandidacyNews => l["News of my candidacy: the endorsement vote's result, filing reminders"],
        NoticeKind.MessageReceived => l["An organizer or owner wrote to me"],
        NoticeKind.ReplyReceived => l["Someone replied in a conversation of mine"],
        _ => kind.ToString(),
    };

    public static string DeliveryName(NoticeDelivery delivery, IStringLocalizer l) => delivery switch
    {
        NoticeDelivery.AtOnce => l["At once (email and notice)"],
        NoticeDelivery.Digest => l["In the daily digest"],
        _ => l["Never by email (on the site only)"],
    };

    public static string Serialize(IReadOnlyDictionary<string, string> args) => JsonSerializer.Serialize(args);

    public static Dictionary<string, string> Deserialize(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    /// <summary>
    /// The notice's headline and what happens next, in the current UI culture (the reader's).
    /// <paramref name="actor"/> is the acting member's public name as it is now.
    /// </summary>
    public static (string Headline, string Next) Words(NoticeKind kind, string json, string? actor, IStringLocalizer l)
    {
        var a = Deserialize(json);
        string Arg(string key) => a.TryGetValue(key, out var v) ? v : "";
        var who = actor ?? l["Someone"];
        var (headline, next) = kind switch
        {
            NoticeKind.PledgeReceived => (
                l["{0} pledged to \"{1}\" of \"{2}\"", who, Arg("need"), Arg("project")],
                l["Accept or decline the pledge on the project's page; the pledger waits for your answer."]
                + (Arg("note") is { Length: > 0 } pledgeNote ? "\n\n" + l["Their note: {0}", pledgeNote] : "")),
            NoticeKind.PledgeAccepted => (
                l["Your pledge to \"{0}\" of \"{1}\" was accepted", Arg("need"), Arg("project")],
                l["It counts toward the need now. The owners may write to you through Grassroots (your address stays private); see the project's page for what happens next."]),
            NoticeKind.PledgeDeclined => (
                l["Your pledge to \"{0}\" of \"{1}\" was declined", Arg("need"), Arg("project")],
                l["The pledge is closed and nothing more is asked of you. Other needs may match you: you are free to pledge elsewhere."]),
            NoticeKind.PledgesWithdrawn => (
                l["A volunteer left Grassroots: needs of \"{0}\" reopened", Arg("project")],
                l["Their accepted pledges were withdrawn. These needs take pledges again: {0}.", Arg("needs")]),
            NoticeKind.CoOwnerInvitation => (
                l["{0} invites you to co-own \"{1}\"", who, Arg("project")],
                l["Co-owners answer pledges, post updates and edit the project. Accept or decline on the project's page."]),
            NoticeKind.CohostInvitation => (
                l["{0} asks you to co-host \"{1}\"", who, Arg("event")],
                l["Co-hosts see who is coming, check people in and write to them. Your name goes on the event only if you accept: answer on your events page."]),
            NoticeKind.MergeProposed => (
                l["{0} proposes merging \"{1}\" with your project \"{2}\"", who, Arg("mine"), Arg("theirs")],
                l["They propose to keep \"{0}\" and move everything of \"{1}\" into it. Nothing moves unless you accept: see what would move, and accept or decline.", Arg("into"), Arg("from")]
                + (Arg("note") is { Length: > 0 } note ? "\n\n" + l["Their note: {0}", note] : "")),
            NoticeKind.MergeAnswered when Arg("answer") == "accepted" => (
                l["\"{0}\" and \"{1}\" are one project now", Arg("from"), Arg("into")],
                l["{0} accepted your proposal: everything of \"{1}\" is now part of \"{2}\", and its address leads there.", who, Arg("from"), Arg("into")]),
            NoticeKind.MessageReceived => (
                l["{0} wrote to {1}: \"{2}\"", who, Arg("place"), Arg("subject")],
                l["Read it and reply on the site; your address stays private."]),
            NoticeKind.ReplyReceived => (
                l["{0} replied to \"{1}\"", who, Arg("subject")],
                l["Read the reply and answer on the site; neither of you sees the other's address."]),
            NoticeKind.AmendmentRevised => (
                l["{0} revised amendment #{1}, \"{2}\", which you co-signed", who, Arg("number"), Arg("title")],
                l["Your signature stays unless you withdraw it. Read the new wording and decide."]),
            NoticeKind.AmendmentCommented => (
                l["{0} commented on your amendment #{1}, \"{2}\"", who, Arg("number"), Arg("title")],
                l["Read the comment on the amendment's page, and answer it there."]),
            NoticeKind.CommentAnswered => (
                l["{0} answered your comment on amendment #{1}, \"{2}\"", who, Arg("number"), Arg("title")],
                l["Read the answer on the amendment's page."]),
            NoticeKind.FacilitatorInvitation => (
                Arg("role") == nameof(Platform.DocumentRole.Creator)
                    ? l["{0} asks you to be a creator of \"{1}\"", who, Arg("document")]
                    : l["{0} asks you to facilitate \"{1}\"", who, Arg("document")],
                Arg("role") == nameof(Platform.DocumentRole.Creator)
                    ? l["Creators facilitate the document and ask others to facilitate it. Your name goes on the document only if you accept: answer on its page."]
                    : l["Facilitators decide amendments, merge them into new versions and moderate the document's conversations. Your name goes on the document only if you accept: answer on its page."]),
            NoticeKind.FacilitatorAnswered when Arg("answer") == "accepted" => (
                Arg("role") == nameof(Platform.DocumentRole.Creator)
                    ? l["{0} is now a creator of \"{1}\"", who, Arg("document")]
                    : l["{0} now facilitates \"{1}\"", who, Arg("document")],
                l["They accepted your invitation; the document's page names them and its history shows when."]),
            NoticeKind.FacilitatorAnswered => (
                l["{0} declined facilitating \"{1}\"", who, Arg("document")],
                l["Nothing changed on the document. You may ask someone else from its facilitators' page."]),
            NoticeKind.AssemblyInvitation when Arg("role") == "seats" => (
                l["\"{0}\" has {1} delegate seats at \"{2}\"", Arg("group"), Arg("seats"), Arg("assembly")],
                l["As an organizer of the group, you name its delegates from its members on the assembly's delegates page; each is a delegate once they accept."]),
            NoticeKind.AssemblyInvitation when Arg("role") == "delegate" => (
                l["{0} named you a delegate of \"{1}\" to \"{2}\"", who, Arg("group"), Arg("assembly")],
                l["A delegate votes for the group at the assembly. You are one only if you accept: answer on the assembly's page, and say whether you attend in person or remotely."]),
            NoticeKind.AssemblyInvitation => (
                l["{0} asks you to chair \"{1}\"", who, Arg("assembly")],
                l["Chairs open and close the votes and sit on the credentials committee. Your name goes on the assembly only if you accept: answer on its page."]),
            NoticeKind.AmendmentCosigned => (
                l["{0} co-signed your amendment #{1}, \"{2}\"", who, Arg("number"), Arg("title")],
                l["Its page shows how many have signed and how far it is from the convention's ballot."]),
            NoticeKind.AmendmentDecided when Arg("status") == "OnBallot" => (
                l["Amendment #{0}, \"{1}\", has enough co-signers for the convention's ballot", Arg("number"), Arg("title")],
                l["It goes to the ballot of \"{0}\". Facilitators may still merge it before.", Arg("document")]),
            NoticeKind.AmendmentDecided when Arg("status") == "Rejected" => (
                l["Facilitators rejected amendment #{0}, \"{1}\"", Arg("number"), Arg("title")],
                Arg("note") is { Length: > 0 } why ? l["Their reason: {0}", why] : l["They gave no reason; ask them in the comments."]),
            NoticeKind.AmendmentDecided when Arg("status") == "Merged" => (
                l["Amendment #{0}, \"{1}\", is in version {2} of \"{3}\"", Arg("number"), Arg("title"), Arg("version"), Arg("document")],
                l["Your words are part of the text now."]),
            NoticeKind.AmendmentDecided => (
                l["Facilitators accepted amendment #{0}, \"{1}\"", Arg("number"), Arg("title")],
                l["They will merge it into the next version of \"{0}\".", Arg("document")]),
            NoticeKind.CandidacyNews when Arg("event") == "endorsed" => (
                l["The movement endorsed you for {0}", Arg("office")],
                l["Gifts can be split to you now, and the central fund's allocation runs include you. Record on your candidate page when you file."]),
            NoticeKind.CandidacyNews when Arg("event") == "not-endorsed" => (
                l["The endorsement vote for {0} did not pass", Arg("office")],
                l["The result and its audit are on the vote's page. You may still run; the movement does not back this candidacy."]),
            NoticeKind.CandidacyNews when Arg("event") == "filing-week" => (
                l["Filing for {0} opens in 7 days", Arg("office")],
                l["The window runs {0} to {1}. {2}", Arg("opens"), Arg("closes"), Arg("note")]),
            NoticeKind.CandidacyNews when Arg("event") == "filing-open" => (
                l["Filing for {0} is open", Arg("office")],
                l["The window closes {0}. {1}", Arg("closes"), Arg("note")]),
            NoticeKind.CandidacyNews when Arg("event") == "filing-closing" => (
                l["Filing for {0} closes within a day", Arg("office")],
                l["The window closes {0}. Once you have filed, record it on your candidate page.", Arg("closes")]),
            NoticeKind.MergeAnswered => (
                l["{0} declined merging \"{1}\" into \"{2}\"", who, Arg("from"), Arg("into")],
                l["Both projects go on as they are. You can still point people to each other, or propose again later."]),
            _ => (kind.ToString(), ""),
        };
        // Amendment numbers start at 1 in every document: the headline says which document, unless it names it already.
        if (kind is NoticeKind.AmendmentRevised or NoticeKind.AmendmentCommented or NoticeKind.CommentAnswered or NoticeKind.AmendmentCosigned or NoticeKind.AmendmentDecided
            && Arg("document") is { Length: > 0 } document && !headline.Contains(document, StringComparison.Ordinal))
            headline += " — " + l["in \"{0}\"", document];
        return (headline, next);
    }
}
