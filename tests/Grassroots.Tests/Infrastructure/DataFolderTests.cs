using Grassroots.Infrastructure.Data;
using Grassroots.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Everything the app writes goes where DataPath says, not where it was started (the published app's test starts it elsewhere).</summary>
public sealed class DataFolderTests
{
    private sealed class PickupApp(string dataPath) : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataPath"] = dataPath, ["Email:SmtpHost"] = "" };
    }

    [Fact]
    public async Task Without_an_SMTP_server_mail_files_and_keys_are_written_in_DataPath()
    {
        var data = Path.Combine(Path.GetTempPath(), $"grassroots-data-{Guid.NewGuid():N}");
        try
        {
            await using var app = new PickupApp(data);
            await app.InitializeAsync();
            Assert.Equal(Path.Combine(data, "mail"), app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory);

            await app.WithScopeAsync(async sp =>
            {
                sp.GetRequiredService<Outbox>().Enqueue("volunteer@example.org", "Doors on Saturday", "Meet at the library at 10.");
                return await sp.GetRequiredService<AppDbContext>().SaveChangesAsync();
            });
            var mail = Path.Combine(data, "mail");
            for (var i = 0; i < 100 && !(Directory.Exists(mail) && Directory.GetFiles(mail, "*.eml").Length > 0); i++) await Task.Delay(100);
            Assert.Single(Directory.GetFiles(mail, "*.eml"));

            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys"), "*.xml"));
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
