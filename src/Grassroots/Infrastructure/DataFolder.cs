namespace Grassroots.Infrastructure;

/// <summary>
/// The one folder for everything the app writes: the SQLite file, the mail pickup folder and the
/// Data Protection keys. It is the `DataPath` setting (by default `data` in the content root), and
/// relative paths in Database:ConnectionString, Email:PickupDirectory and DataProtection:KeysPath are
/// taken inside it, so one setting moves all of it onto a volume (e.g. /var/lib/grassroots) and
/// nothing depends on the directory the app was started from.
/// </summary>
public static class DataFolder
{
    public const string Setting = "DataPath";

    public static string Root(IConfiguration configuration, IHostEnvironment env) =>
        Path.GetFullPath(Path.Combine(env.ContentRootPath, configuration[Setting] is { Length: > 0 } path ? path : "data"));

    /// <summary>An absolute <paramref name="configured"/> path as it is; a relative one, or <paramref name="fallback"/>, inside the data folder.</summary>
    public static string Resolve(IConfiguration configuration, IHostEnvironment env, string? configured, string fallback) =>
        Path.Combine(Root(configuration, env), string.IsNullOrWhiteSpace(configured) ? fallback : configured);
}
