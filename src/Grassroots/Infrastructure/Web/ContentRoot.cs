namespace Grassroots.Infrastructure.Web;

/// <summary>
/// Where the host finds its own files (appsettings.json, wwwroot). ASP.NET Core takes the working
/// directory, so a published app started from anywhere else (`dotnet /opt/grassroots/Grassroots.dll`,
/// a service manager) served its pages without stylesheet and scripts and ignored its appsettings.json.
/// A published app (its wwwroot next to the assembly) therefore uses its own folder; the build output
/// has no wwwroot, so `dotnet run` and the tests keep the project folder as before. An explicit
/// --contentRoot or ASPNETCORE_CONTENTROOT still wins.
/// </summary>
public static class ContentRoot
{
    /// <summary>The content root to use, or null to leave ASP.NET Core's choice.</summary>
    public static string? For(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(given)) return null;
        var own = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(own, "wwwroot")) ? own : null;
    }
}
