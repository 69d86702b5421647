using Grassroots.Features.Conversations;
using Grassroots.Features.Convention;
using Grassroots.Features.Fund;
using Grassroots.Features.Candidates;
using Grassroots.Features.Platform;
using Grassroots.Features.Messages;
using Grassroots.Features.Events;
using Grassroots.Features.Groups;
using Grassroots.Features.Members;
using Grassroots.Features.Moderation;
using Grassroots.Features.Notices;
using Grassroots.Features.Projects;
using Grassroots.Infrastructure;
using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Web;
using Microsoft.Extensions.Options;

// Counting and verifying need no host, no database, no configuration: anyone can run them on a file.
if (args is [CountCommand.Name, ..]) return CountCommand.Run(args[1..], Console.Out, Console.Error);
if (args is [VerifyCommand.Name, ..]) return VerifyCommand.Run(args[1..], Console.In, Console.Out, Console.Error);

// A published app finds its wwwroot and appsettings.json in its own folder, whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.For(args) });

builder.AddServiceDefaults();
builder.AddDatabase();
builder.AddInfrastructure();
builder.AddMembers();
builder.AddGroups();
builder.Services.AddModeration().AddModerationOptions(builder.Configuration);
builder.AddProjects();
builder.AddNotices();
builder.AddMessages();
builder.AddPlatform();
builder.AddConversations();
builder.AddEvents();
builder.AddConvention();
builder.AddFund();
builder.AddCandidates();
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features")
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(Grassroots.SharedResource)));

var app = builder.Build();

var db = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
if (args.Contains("migrate"))
{
    await DatabaseSetup.MigrateAsync(app.Services, seed: false);
    Console.WriteLine("Migrations applied.");
    return 0;
}
if (args is [PolisCommand.Name, ..])
{
    await DatabaseSetup.MigrateAsync(app.Services, seed: false);
    return await PolisCommand.RunAsync(app.Services, args[1..], Console.Out, Console.Error, CancellationToken.None);
}
if (db.MigrateOnStart) await DatabaseSetup.MigrateAsync(app.Services, db.SeedDemo);

app.UseServiceDefaults();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseSessionCheck();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapMembers();
app.MapGroups();
app.MapModeration();
app.MapProjects();
app.MapNotices();
app.MapMessages();
app.MapPlatform();
app.MapConversations();
app.MapEvents();
app.MapConvention();
app.MapFund();
app.MapCandidates();
app.MapRazorPages();

app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
