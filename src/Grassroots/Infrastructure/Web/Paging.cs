namespace Grassroots.Infrastructure.Web;

/// <summary>One page of a list. Every list in Grassroots is paged.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>The last page number that can be asked for: beyond it (page − 1) × size no longer fits an int.</summary>
    public const int MaxPage = int.MaxValue / MaxSize;

    public static (int Page, int Size) Clamp(int? page, int? size) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
