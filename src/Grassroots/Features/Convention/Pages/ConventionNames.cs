using Grassroots.Ballots.Ranked;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Convention.Pages;

/// <summary>The convention's words on pages, in the reader's language.</summary>
public static class ConventionNames
{
    public static string Kind(MotionKind k, IStringLocalizer l) => k switch
    {
        MotionKind.Ratify => l["Ratify a platform version"],
        MotionKind.AdoptAmendment => l["Adopt an amendment"],
        MotionKind.Elect => l["Election"],
        MotionKind.Endorse => l["Endorse a candidate"],
        _ => l["Procedural motion"],
    };

    public static string Method(string code, IStringLocalizer l) => code switch
    {
        "yes-no" => l["Yes, no or abstain"],
        "approval" => l["Approval: mark every option you approve"],
        "irv" => l["Ranked: instant runoff for one seat"],
        _ => l["Ranked: single transferable vote for several seats"],
    };

    public static string Threshold(string code, IStringLocalizer l) => code switch
    {
        "three-fifths" => l["three fifths of yes and no"],
        "two-thirds" => l["two thirds of yes and no"],
        _ => l["a majority of yes and no"],
    };

    public static string Status(MotionStatus s, IStringLocalizer l) => s switch
    {
        MotionStatus.Open => l["Voting open"],
        MotionStatus.Closed => l["Closed"],
        _ => l["Not yet open"],
    };

    public static string Attendance(Attendance a, IStringLocalizer l) => a == Convention.Attendance.InPerson ? l["In person"] : l["Remotely"];

    public static string Rule(CredentialRule r, IStringLocalizer l) => r == CredentialRule.Delegates
        ? l["Delegates vote: named by their groups from the published allocation of seats, or seated by the credentials committee; each decision is in the public log."]
        : l["Everyone registered votes: in person once checked in at the door, remotely with a confirmed account."];

    public static string Action(string action, IStringLocalizer l) => action switch
    {
        "created" => l["started the assembly"],
        "chair.asked" => l["asked to chair"],
        "chair.accepted" => l["accepted to chair"],
        "chair.declined" => l["declined to chair"],
        "chair.removed" => l["removed a chair"],
        "credential.seated" => l["seated"],
        "credential.unseated" => l["unseated"],
        "agenda.added" => l["added to the agenda"],
        "allocation.published" => l["published the allocation of delegates (seats / groups with seats / members a group needs)"],
        "delegate.named" => l["named a delegate"],
        "delegate.accepted" => l["accepted to be a delegate"],
        "delegate.declined" => l["declined to be a delegate"],
        "delegate.withdrawn" => l["withdrew a delegate"],
        "motion.written" => l["wrote a motion"],
        "vote.opened" => l["opened a vote"],
        "vote.closed" => l["closed a vote"],
        _ => action,
    };

    public static string Tie(TieBreak t, IStringLocalizer l) => t switch
    {
        TieBreak.Lot => l["A tie was settled by lot, drawn from the board's head (anyone can redraw it)."],
        TieBreak.EarlierRound => l["A tie was settled by the earlier rounds."],
        _ => "",
    };

    public static readonly Func<int, string> PageLink = n => $"?page={n}";
}
