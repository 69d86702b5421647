using FluentValidation;
using Grassroots.Features.Platform;
using Grassroots.Infrastructure.Text;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Conversations;

/// <summary>What a conversation's fields become once cleaned: the rules and the use case read the same text.</summary>
internal static class ConversationText
{
    /// <summary>Also without format characters (zero-width spaces, bidirectional overrides): a statement of nothing but those, or one that reads backwards, is not a statement.</summary>
    public static string Clean(string? s) =>
        string.Concat((ControlCharacters.Strip(PlatformText.Normalize(s)) ?? "").Where(ch => char.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.Format)).Trim();

    /// <summary>A topic: one line (it heads pages and mail).</summary>
    public static string Topic(string? s) => string.Join(' ', Clean(s).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static List<string> Seeds(IReadOnlyList<string>? seeds) =>
        (seeds ?? []).Select(Clean).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

public sealed class ConversationInputValidator : AbstractValidator<ConversationInput>
{
    public const int MaxSeeds = 50;

    public ConversationInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        // Rules on plain properties, checking the cleaned text: FluentValidation compiles the expression of a RuleFor that
        // is not a plain property (x => Clean(x.Topic)) each time a validator is made (validators are built once, at start).
        RuleFor(x => x.Topic)
            .Must(t => !string.IsNullOrWhiteSpace(ConversationText.Topic(t))).OverridePropertyName("topic").WithMessage(_ => l["Say what the conversation is about, as a question or a topic."])
            .Must(t => ConversationText.Topic(t).Length <= Conversation.MaxTopicLength).WithMessage(_ => l["Keep the topic under {0} characters.", Conversation.MaxTopicLength]);
        RuleFor(x => x.Description)
            .Must(d => ConversationText.Clean(d).Length <= Conversation.MaxDescriptionLength).OverridePropertyName("description").WithMessage(_ => l["Keep the description under {0} characters.", Conversation.MaxDescriptionLength]);
        RuleFor(x => x.Seeds)
            .Must(s => ConversationText.Seeds(s).Count <= MaxSeeds).OverridePropertyName("seeds").WithMessage(_ => l["Start with at most {0} statements.", MaxSeeds])
            .Must(s => ConversationText.Seeds(s).All(x => x.Length <= Statement.MaxLength))
            .WithMessage((_, s) => l["Keep each statement under {0} characters: \"{1}…\" is longer.", Statement.MaxLength, ConversationText.Seeds(s).First(x => x.Length > Statement.MaxLength)[..30]]);
        RuleFor(x => x.PlankKey).Null().When(x => x.DocumentId is null).OverridePropertyName("plankKey")
            .WithMessage(_ => l["A plank belongs to a document: give the document too."]);
    }
}

public sealed class StatementInputValidator : AbstractValidator<StatementInput>
{
    public StatementInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Text)
            .Must(t => !string.IsNullOrWhiteSpace(ConversationText.Topic(t))).OverridePropertyName("text").WithMessage(_ => l["Write your statement: one idea, in a sentence or two."])
            .Must(t => ConversationText.Clean(t).Length <= Statement.MaxLength)
            .WithMessage((_, text) => l["Keep a statement under {0} characters (this one has {1}): one idea, so people can agree or disagree with it.", Statement.MaxLength, ConversationText.Clean(text).Length]);
    }
}

public sealed class VoteInputValidator : AbstractValidator<VoteInput>
{
    public VoteInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Statement).NotNull().OverridePropertyName("statement").WithMessage(_ => l["Say which statement you vote on."]);
        RuleFor(x => x.Vote).Must(v => v is -1 or 0 or 1).When(x => x.Statement is not null).OverridePropertyName("vote")
            .WithMessage(_ => l["Vote 1 (agree), -1 (disagree) or 0 (pass)."]);
    }
}
