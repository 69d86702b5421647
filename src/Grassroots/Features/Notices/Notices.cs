using Grassroots.Infrastructure.Data;

namespace Grassroots.Features.Notices;

/// <summary>
/// How other features tell a member something: the notice is added to the caller's unit of work (the
/// context that commits the change causing it, even a batched writer's), so it exists exactly when the
/// change does. The mailer decides its email afterwards from the member's choice for the kind.
/// </summary>
public static class Notices
{
    public static void Tell(AppDbContext db, Guid memberId, NoticeKind kind, string link, DateTimeOffset at,
        IReadOnlyDictionary<string, string> args, Guid? actorId = null)
    {
        db.Notices.Add(new Notice
        {
            MemberId = memberId, Kind = kind, ActorId = actorId, Args = NoticeKinds.Serialize(args), Link = link, CreatedAt = at,
            Mail = NoticeKinds.MailedByItsFeature(kind) ? NoticeMailState.Done : NoticeMailState.Pending,
        });
        db.SavedChanges -= WakeMailer;
        db.SavedChanges += WakeMailer;
    }

    private static void WakeMailer(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
    {
        if (sender is AppDbContext db) db.SavedChanges -= WakeMailer;
        NoticePulse.Wake();
    }
}

/// <summary>
/// Wakes every mailer in the process (tests run several hosts) when notices were saved. A wake may come
/// before the transaction commits; the mailer's poll interval catches those.
/// </summary>
internal static class NoticePulse
{
    private static TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task Next => Volatile.Read(ref _next).Task;

    public static void Wake() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
