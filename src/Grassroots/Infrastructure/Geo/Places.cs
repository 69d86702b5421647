namespace Grassroots.Infrastructure.Geo;

/// <summary>Limits every placed thing (a chapter's area, a project's reach) shares.</summary>
public static class Places
{
    /// <summary>The widest area a chapter or project may say it covers, in miles.</summary>
    public const int MaxRadiusMiles = 500;
}
