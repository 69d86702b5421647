using FluentValidation;
using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Platform;

/// <summary>What a platform field becomes once cleaned: the rules and the use cases read the same text.</summary>
internal static class PlatformInputText
{
    public static string Clean(string? s) => ControlCharacters.Strip(PlatformText.Normalize(s)) ?? "";

    /// <summary>A title: one line (it heads pages and mail), spaces for its line breaks.</summary>
    public static string Line(string? s) => string.Join(' ', Clean(s).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The wording an amendment carries: a removal has no text of its own.</summary>
    public static string Wording(string? text, AmendmentKind kind) => kind == AmendmentKind.RemovePlank ? "" : Clean(text);
}

/// <summary>
/// The shape of a new document's fields. What depends on the text once split (a title from "# Title", planks,
/// sections) is checked by <see cref="Drafting.Preview"/>, which the preview page shows before anything is saved.
/// </summary>
public sealed class DocumentInputValidator : AbstractValidator<DocumentInput>
{
    public DocumentInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => (x.Text ?? "").Length).LessThanOrEqualTo(PlatformImport.MaxMarkdownLength).OverridePropertyName("text")
            .WithMessage(_ => l["The text is longer than {0} characters: split it into several documents.", PlatformImport.MaxMarkdownLength]);
        RuleFor(x => PlatformInputText.Line(x.Title)).MaximumLength(PlatformDocument.MaxTitleLength).OverridePropertyName("title")
            .WithMessage(_ => l["Keep the title under {0} characters.", PlatformDocument.MaxTitleLength]);
        RuleFor(x => PlatformInputText.Clean(x.Summary)).MaximumLength(PlatformDocument.MaxSummaryLength).OverridePropertyName("summary")
            .WithMessage(_ => l["Keep the introduction under {0} characters.", PlatformDocument.MaxSummaryLength]);
    }
}

/// <summary>
/// What an amendment does and says, proposed (from <see cref="AmendmentInput"/>) or revised (from <see cref="RevisionInput"/>
/// and the amendment's kind): the same rules both times. Whether the version is current and the plank in it, and
/// whether a change changes anything, depend on the document and stay with the use case.
/// </summary>
public sealed record AmendmentWording(string? Title, string? Text, string? Reason, AmendmentKind Kind);

public sealed class AmendmentWordingValidator : AbstractValidator<AmendmentWording>
{
    public AmendmentWordingValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Kind).IsInEnum().OverridePropertyName("kind")
            .WithMessage(_ => l["Choose what the amendment does: change the text, add a plank after this one, or remove this plank."]);
        RuleFor(x => PlatformInputText.Line(x.Title))
            .NotEmpty().OverridePropertyName("title").WithMessage(_ => l["Name the amendment in a few words (\"Add a public option\")."])
            .MaximumLength(Amendment.MaxTitleLength).WithMessage(_ => l["Keep the title under {0} characters.", Amendment.MaxTitleLength]);
        RuleFor(x => PlatformInputText.Wording(x.Text, x.Kind))
            .NotEmpty().OverridePropertyName("text").WithMessage(x => x.Kind == AmendmentKind.AddPlank ? l["Write the new plank."] : l["Write the plank as you want it to read."])
            .MaximumLength(PlatformPlank.MaxBodyLength).WithMessage(_ => l["Keep the text under {0} characters.", PlatformPlank.MaxBodyLength])
            .When(x => x.Kind is AmendmentKind.Change or AmendmentKind.AddPlank, ApplyConditionTo.AllValidators);
        RuleFor(x => PlatformInputText.Clean(x.Reason)).MaximumLength(AmendmentRevision.MaxReasonLength).OverridePropertyName("reason")
            .WithMessage(_ => l["Keep the reason under {0} characters.", AmendmentRevision.MaxReasonLength]);
    }
}

public sealed class CommentInputValidator : AbstractValidator<CommentInput>
{
    public CommentInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => PlatformInputText.Clean(x.Body))
            .NotEmpty().OverridePropertyName("body").WithMessage(_ => l["Write your comment."])
            .MaximumLength(AmendmentComment.MaxBodyLength).WithMessage(_ => l["Keep the comment under {0} characters.", AmendmentComment.MaxBodyLength]);
    }
}

public sealed class DecisionInputValidator : AbstractValidator<DecisionInput>
{
    public const int MaxNoteLength = 2_000;
    public const int MinReasonLength = 10;

    public DecisionInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => PlatformInputText.Clean(x.Note))
            .NotEmpty().When(x => !x.Accept).OverridePropertyName("note").WithMessage(_ => l["Say why, in a sentence: the author and the co-signers read it."])
            // "No" is no reason: a rejection's reason is published to people who signed, as a jury's is (10 characters there too).
            .MinimumLength(MinReasonLength).When(x => !x.Accept).WithMessage(_ => l["Say why, in a sentence: the author and the co-signers read it."])
            .MaximumLength(MaxNoteLength).WithMessage(_ => l["Keep the note under {0} characters.", MaxNoteLength]);
    }
}

public sealed class PhaseInputValidator : AbstractValidator<PhaseInput>
{
    public PhaseInputValidator(IStringLocalizer<SharedResource> l, TimeProvider clock)
    {
        RuleFor(x => x.Phase).Must(p => p is null || Enum.IsDefined(p.Value)).OverridePropertyName("phase")
            .WithMessage(_ => l["Choose drafting, deliberation, frozen or ratified."]);
        RuleFor(x => x.EndsAt).Must(e => e is null || e > clock.GetUtcNow()).OverridePropertyName("endsAt")
            .WithMessage(_ => l["The planned end must be in the future."]);
    }
}

public sealed class SwitchesInputValidator : AbstractValidator<SwitchesInput>
{
    public SwitchesInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.BallotPerMille).InclusiveBetween(1, 1000).When(x => x.BallotPerMille is not null).OverridePropertyName("ballotPerMille")
            .WithMessage(_ => l["Between 1 and 1000 per thousand members."]);
        RuleFor(x => x.BallotMinimum).InclusiveBetween(1, 1_000_000).When(x => x.BallotMinimum is not null).OverridePropertyName("ballotMinimum")
            .WithMessage(_ => l["Between 1 and 1,000,000 co-signers."]);
    }
}

public sealed class FacilitatorInputValidator : AbstractValidator<FacilitatorInput>
{
    public FacilitatorInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.MemberId).NotNull().OverridePropertyName("memberId").WithMessage(_ => l["There is no member with that id."]);
        RuleFor(x => x.Role).Must(r => r is null || Enum.IsDefined(r.Value)).OverridePropertyName("role").WithMessage(_ => l["Choose facilitator or creator."]);
    }
}

public sealed class MergeInputValidator : AbstractValidator<MergeInput>
{
    public const int MaxAmendments = 200;

    public MergeInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Amendments == null ? 0 : x.Amendments.Distinct().Count())
            .GreaterThan(0).OverridePropertyName("amendments").WithMessage(_ => l["Choose the accepted amendments to merge."])
            .LessThanOrEqualTo(MaxAmendments).WithMessage(_ => l["Merge at most {0} amendments at a time.", MaxAmendments]);
        RuleFor(x => x.Amendments).Must(a => a is null || a.All(n => n >= 1)).OverridePropertyName("amendments")
            .WithMessage(_ => l["Amendments are numbered from 1."]);
        RuleFor(x => PlatformInputText.Clean(x.Note)).MaximumLength(PlatformVersion.MaxNoteLength).OverridePropertyName("note")
            .WithMessage(_ => l["Keep the note under {0} characters.", PlatformVersion.MaxNoteLength]);
    }
}
