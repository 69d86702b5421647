using System.Text;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Platform;

/// <summary>
/// Issue 15's import story on a phone in Spanish: a member brings a Pol.is conversation in from its export files,
/// sees a broken file's error beside it (file, line, column), checks the right files, imports them, and finds the
/// read-only conversation with its statements and, a few seconds later, its opinion map.
/// </summary>
public sealed class PolisImportStoryTests : BrowserTest
{
    /// <summary>Two opinion camps of 15 people (Pol.is ids 100–129) on four statements; everyone agrees on #0.</summary>
    private static (string Comments, string Votes) Export()
    {
        var comments = new StringBuilder("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n");
        string[] texts = ["Everyone deserves health care.", "Tax the rich to pay for it.", "Keep private insurance.", "Public option, not single payer."];
        for (var i = 0; i < texts.Length; i++) comments.Append($"1500000000000,x,{i},100,0,0,1,{texts[i]}\n");
        var votes = new StringBuilder("timestamp,datetime,comment-id,voter-id,vote\n");
        for (var p = 100; p < 130; p++)
            for (var s = 0; s < texts.Length; s++)
                votes.Append($"1500000001000,x,{s},{p},{(s == 0 ? 1 : (p < 115) == (s == 1) ? 1 : -1)}\n");
        return (comments.ToString(), votes.ToString());
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task A_member_on_a_Spanish_phone_imports_a_Polis_export_and_sees_its_map()
    {
        var problems = new List<string>();
        var consoleErrors = new List<string>();
        var context = await Chromium.NewContextAsync(360, 780, "es", errors: consoleErrors);
        var page = await context.NewPageAsync();
        await Journeys.SignUpAndConfirmAsync(page, App, "Rosa Díaz", "rosa.d@example.org", "19104");

        await page.GotoAsync(App.BaseUrl + "/conversations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importar de Pol.is" }).ClickAsync();
        await Browser.CheckPageAsync(page, "polis-import-es-phone", problems);

        // A votes.csv with a vote written as a word: the error stands beside the file, in Spanish, and nothing is imported.
        var (comments, votes) = Export();
        await page.GetByLabel("Tema o pregunta").FillAsync("¿Qué hacemos con la salud?");
        await page.Locator("input[name=comments]").SetInputFilesAsync(Csv("comments.csv", comments));
        await page.Locator("input[name=votes]").SetInputFilesAsync(Csv("votes.csv", votes.Replace(",100,1\n", ",100,sí\n")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importar", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").Filter(new() { HasText = "votes.csv, línea 2, columna \"vote\": \"sí\" no es un voto" })).ToBeVisibleAsync();
        await Browser.CheckPageAsync(page, "polis-import-error-es-phone", problems);

        // The right files: checked first, then imported.
        await page.Locator("input[name=comments]").SetInputFilesAsync(Csv("comments.csv", comments));
        await page.Locator("input[name=votes]").SetInputFilesAsync(Csv("votes.csv", votes));
        await page.GetByRole(AriaRole.Button, new() { Name = "Revisar los archivos" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Los archivos se leen bien")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("30 participantes")).ToBeVisibleAsync();
        // Checked in the background: the files are still chosen, and the error beside votes.csv is gone.
        await Assertions.Expect(page.GetByText("Los archivos siguen elegidos")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#votes-error")).ToBeEmptyAsync();
        Assert.Equal(1, await page.Locator("input[name=votes]").EvaluateAsync<int>("input => input.files.length"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Importar", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Qué hacemos con la salud?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Importada de Pol.is: solo lectura.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tax the rich to pay for it.")).ToBeVisibleAsync();
        await Browser.CheckPageAsync(page, "polis-imported-es-phone", problems);

        // The map, computed in the background: two groups, and the common ground is health care for everyone.
        var map = page.Url + "/map";
        for (var i = 0; i < 30; i++)
        {
            await page.GotoAsync(map);
            if (await page.Locator("svg.opinion-map circle").CountAsync() > 0) break;
            await Task.Delay(1000);
        }
        // Everyone is on the map (people who voted alike share one bigger dot).
        await Assertions.Expect(page.GetByText("Hay 30 personas en el mapa", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Everyone deserves health care.").First).ToBeVisibleAsync();
        await Browser.CheckPageAsync(page, "polis-imported-map-es-phone", problems);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }
}
