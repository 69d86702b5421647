using FluentValidation;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Text;
using Grassroots.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Grassroots.Features.Moderation;

/// <summary>The moderation case a permission is asked about.</summary>
public sealed record CaseResource(Guid Id);

/// <summary>
/// Who acts on a case, as the other features do it: use cases ask these policies through
/// <see cref="Access"/>; the vote itself is a conditional update on the juror's own seat.
/// </summary>
public static class JuryPolicies
{
    /// <summary>Vote on the case: the members drawn to its current jury.</summary>
    public const string Serve = "case.serve";
    /// <summary>Appeal its decision: the authors of the content it is about.</summary>
    public const string Appeal = "case.appeal";

    public static IServiceCollection AddJuryPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Serve, p => p.AddRequirements(new CaseRequirement(Appeal: false)))
            .AddPolicy(Appeal, p => p.AddRequirements(new CaseRequirement(Appeal: true)));
        services.AddScoped<IAuthorizationHandler, CaseRequirementHandler>();
        return services;
    }
}

public sealed record CaseRequirement(bool Appeal) : IAuthorizationRequirement;

internal sealed class CaseRequirementHandler(AppDbContext db, IEnumerable<IFlaggableContent> contents, IStringLocalizer<SharedResource> l)
    : AuthorizationHandler<CaseRequirement, CaseResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CaseRequirement requirement, CaseResource resource)
    {
        if (context.User.MemberId() is not { } me) return;
        var @case = await db.ModerationCases.AsNoTracking().Where(c => c.Id == resource.Id)
            .Select(c => new { c.ContentType, c.ContentId, Seated = db.Jurors.Any(j => j.CaseId == c.Id && j.Round == c.Round && j.MemberId == me) })
            .SingleOrDefaultAsync();
        if (@case is null)
        {
            context.Fail(new ResourceMissing(this));
            return;
        }
        if (!requirement.Appeal)
        {
            if (@case.Seated) context.Succeed(requirement);
            else context.Fail(new AuthorizationFailureReason(this, l["Only the members drawn for this jury may vote on it."]));
            return;
        }
        // The content's own feature knows its authors (a group's organizers, a project's owners, the member).
        var target = await contents.First(c => c.ContentType == @case.ContentType).FindAsync(@case.ContentId, CancellationToken.None);
        if (target?.Authors?.Contains(me) == true) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, l["Only the authors of what was removed may appeal."]));
    }
}

public sealed class FlagInputValidator : AbstractValidator<FlagInput>
{
    public FlagInputValidator(IEnumerable<IFlaggableContent> contents, IStringLocalizer<SharedResource> l)
    {
        var types = contents.Select(c => c.ContentType).ToList();
        RuleFor(x => x.ContentType).Must(t => types.Contains(t!))
            .WithMessage(_ => l["Choose what you are flagging: {0}.", string.Join(", ", types)]);
        RuleFor(x => x.ContentId).Must(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 100)
            .WithMessage(_ => l["Say which item you are flagging."]);
        RuleFor(x => x.Value).Must(CommunityValues.IsKnown)
            // By their titles in the reader's language, as the form lists them: the keys mean nothing to a reader.
            .WithMessage(_ => l["Choose the community value this goes against: {0}.", string.Join(", ", CommunityValues.All.Select(v => l[v.Title].Value))]);
        RuleFor(x => x.Reason).Reason(l, l["Explain in a sentence or two (at least 10 characters) what goes against the value."]);
    }
}

public sealed class VoteInputValidator : AbstractValidator<VoteInput>
{
    public VoteInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(x => x.Vote).NotNull().IsInEnum().WithMessage(_ => l["Vote Keep or Remove."]);
        RuleFor(x => x.Reason).Reason(l, l["Give your reason in a sentence or two (at least 10 characters): it is published."]);
    }
}

public sealed class AppealInputValidator : AbstractValidator<AppealInput>
{
    public AppealInputValidator(IStringLocalizer<SharedResource> l) =>
        RuleFor(x => x.Reason).Reason(l, l["Explain in a sentence or two (at least 10 characters) why the jury should decide again."]);
}

public static class ReasonRules
{
    /// <summary>The fewest characters a published reason takes: the forms state it before submit, the validator enforces it.</summary>
    public const int MinLength = 10;

    /// <summary>A published reason (a flag's, a juror's, an appeal's): a sentence or two, no markup.</summary>
    internal static void Reason<T>(this IRuleBuilderInitial<T, string?> rule, IStringLocalizer l, string tooShort) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(r => (r ?? "").Trim().Length >= MinLength).OverridePropertyName("reason").WithMessage(_ => tooShort)
            .Must(r => r!.Trim().Length <= Flagging.MaxReasonLength).WithMessage(_ => l["The reason can be at most {0} characters.", Flagging.MaxReasonLength])
            .Must(r => !UserText.ContainsScript(r)).WithMessage(_ => l["The reason can't contain scripts or HTML."]);
}
