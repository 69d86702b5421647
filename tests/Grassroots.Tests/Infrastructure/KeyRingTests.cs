using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Sign-ins survive a restart: the keys that encrypt cookies and tokens are kept on disk, where the operator says.</summary>
public sealed class KeyRingTests
{
    private sealed class KeyedApp(string keys) : AppFactory(DbKind.Sqlite)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys };
    }

    [Fact]
    public async Task What_one_run_of_the_app_encrypted_the_next_run_can_read()
    {
        var keys = Path.Combine(Path.GetTempPath(), $"grassroots-keys-{Guid.NewGuid():N}");
        try
        {
            string sealedText;
            await using (var first = new KeyedApp(keys))
            {
                await first.InitializeAsync();
                sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");
            }
            Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
            await using var second = new KeyedApp(keys);
            await second.InitializeAsync();
            Assert.Equal("signed in", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
        }
        finally
        {
            if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
        }
    }
}
