using System.Text.RegularExpressions;
using Grassroots.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.BrowserTests.Features.Members;

/// <summary>
/// A newcomer on a 390 px phone, in Spanish, from the start page to a group and a pledge: through
/// the header's menu, the confirmation mail, the profile's ZIP, the directory and a project. What
/// they read is Spanish at every step, and no page scrolls sideways.
/// </summary>
public sealed class NewcomerStoryTests : BrowserTest
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Database__SeedDemo"] = "true" };

    [Fact]
    public async Task A_newcomer_in_spanish_on_a_phone_joins_a_group_near_them_and_pledges()
    {
        var page = await Journeys.NewPageAsync(Chromium, 390, 844, "es", App.BaseUrl);
        var problems = new List<string>();
        async Task CheckAsync(string step)
        {
            var dims = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (dims[0] > dims[1]) problems.Add($"{step}: scrolls sideways ({dims[0]} > {dims[1]} px)");
            foreach (var v in await Browser.AxeViolationsAsync(page)) problems.Add($"{step}: {v}");
            await Browser.ShotAsync(page, $"newcomer/{step}-es-390");
        }

        // The start page, in Spanish; the account's links are in the menu.
        await page.GotoAsync(App.BaseUrl + "/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        var menu = page.Locator("header details.menu");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unirme", Exact = true })).ToBeHiddenAsync();
        await CheckAsync("1-home");
        await menu.Locator("summary").ClickAsync();
        await Assertions.Expect(menu.Locator("summary")).ToHaveTextAsync("Menú");
        await CheckAsync("2-menu-open");
        await menu.GetByRole(AriaRole.Button, new() { Name = "Unirme", Exact = true }).ClickAsync();

        // Sign up without a ZIP, confirm by the mailed link and choose the password there.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Únete a Grassroots" })).ToBeVisibleAsync();
        await CheckAsync("3-signup");
        await page.GetByLabel("Tu nombre").FillAsync("Lucía Fernández");
        await page.GetByLabel("Correo electrónico").FillAsync("lucia@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unirme" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revisa tu correo" })).ToBeVisibleAsync();
        await CheckAsync("4-check-mail");
        var mail = await App.Smtp.WaitForAsync("lucia@example.org");
        Assert.Equal("Confirma tu cuenta de Grassroots", mail.Subject);
        await page.GotoAsync(Regex.Match(mail.TextBody ?? "", @"https?://\S+/account/confirm\?\S+").Value);
        await CheckAsync("5-confirm");
        await page.GetByLabel("Contraseña").FillAsync(Journeys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar e iniciar sesión" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mi perfil" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tu correo está confirmado.")).ToBeVisibleAsync();

        // Her ZIP on the profile.
        await page.Locator("input[name='Input.Zip']").FillAsync("19107");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar mi perfil" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tu perfil está guardado.")).ToBeVisibleAsync();
        await CheckAsync("6-profile");

        // A group near her, through the menu and the directory.
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Grupos" }).ClickAsync();
        await page.GetByLabel("Cerca del código postal").FillAsync("19107");
        await page.Locator("search form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("encontrado");
        await CheckAsync("7-groups-near");
        await page.GetByRole(AriaRole.Link, new() { Name = "Philadelphia Chapter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unirme a este grupo" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Eres miembro")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("¡Te damos la bienvenida a Philadelphia Chapter!")).ToBeVisibleAsync();
        await CheckAsync("8-group-joined");

        // A project, and a pledge to one of its needs: what she reads agrees with the number.
        await menu.Locator("summary").ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Proyectos" }).ClickAsync();
        // "Projects that need you" lists it first, by its needs near her; the directory lists it too.
        await page.GetByRole(AriaRole.Link, new() { Name = "Community mural on Spring Garden" }).First.ClickAsync();
        var painters = page.Locator("article.need").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Painters") }) });
        await painters.GetByLabel("Nota para quienes llevan el proyecto").FillAsync("Puedo pintar los sábados.");
        await painters.GetByRole(AriaRole.Button).Last.ClickAsync();
        await Assertions.Expect(page.GetByText("¡Gracias! Tu compromiso quedó registrado.")).ToBeVisibleAsync();
        await Assertions.Expect(painters).ToContainTextAsync("Tu compromiso (1 persona) espera la respuesta de quien lleva el proyecto.");
        await CheckAsync("9-pledged");

        // And her data, readable, in Spanish.
        await page.GotoAsync(App.BaseUrl + "/me/export");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mis compromisos" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#pledges")).ToContainTextAsync("Puedo pintar los sábados.");
        await CheckAsync("10-my-data");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
