namespace Grassroots.Features.Candidates.Pages;

/// <summary>The English keys of stages and kinds of office, translated by the pages' localizer.</summary>
public static class CandidateNames
{
    public static string Stage(Stage s) => s switch
    {
        Candidates.Stage.Nominated => "Nominated, waiting for an answer",
        Candidates.Stage.Questionnaire => "Answering the questionnaire",
        Candidates.Stage.EndorsementVote => "Endorsement vote open",
        Candidates.Stage.Endorsed => "Endorsed",
        Candidates.Stage.NotEndorsed => "Not endorsed",
        Candidates.Stage.Filed => "Filed",
        Candidates.Stage.OnBallot => "On the ballot",
        Candidates.Stage.Won => "Won",
        Candidates.Stage.Lost => "Lost",
        Candidates.Stage.Declined => "Declined",
        _ => "Withdrawn",
    };

    public static string Kind(OfficeKind k) => k switch
    {
        OfficeKind.House => "U.S. House",
        OfficeKind.Senate => "U.S. Senate",
        OfficeKind.Governor => "Governor",
        OfficeKind.StateSenate => "State senate",
        OfficeKind.StateHouse => "State house",
        OfficeKind.County => "County office",
        OfficeKind.City => "City office",
        OfficeKind.School => "School board",
        OfficeKind.PrecinctCommitteeOfficer => "Precinct committee officer",
        _ => "Other office",
    };
}
