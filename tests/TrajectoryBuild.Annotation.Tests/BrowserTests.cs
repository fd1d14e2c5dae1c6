using Microsoft.Playwright;
using TrajectoryBuild.Annotation.Hosting;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>End to end: the real server on Kestrel (127.0.0.1, a free port), driven by Playwright in the system Chromium.</summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Annotator_ScoresWithTheKeyboard_AndFindsTheScoresAfterReload_WhileAnXssPayloadStaysInert()
    {
        if (!File.Exists(Chromium))
        {
            Requires.SkipOrFailInCi($"Chromium not installed ({Chromium})", ".ci/run installs chromium (need_chromium)");
        }

        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var store = await AnnotationStore.OpenAsync(StoreLocation.Sqlite(temp.Combine("annotate.db")), TimeProvider.System, ct);
        await store.LoadSliceAsync([TestData.Item("xss-item", 3, payload: TestData.Script + TestData.Image)], [], "", ct);
        await store.AddUserAsync("ann", Roles.Annotator, ServerFixture.Password, false, ct);
        await using var server = await AnnotationServer.StartAsync(store, ["http://127.0.0.1:0"], temp.Combine("keys"), ct);
        var url = server.Addresses[0];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(url + "/annotate");
        page.Url.ShouldContain("/login");
        await page.FillAsync("#name", "ann");
        await page.FillAsync("#password", ServerFixture.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url + "/annotate");
        await page.Keyboard.PressAsync("n");
        await page.WaitForSelectorAsync("#workspace[data-ready='true']");
        var labelPage = page.Url;

        // Turn 1: relevance 3, then (focus moves on) factual grounding 2; tool selection via its key, 1.
        await page.Keyboard.PressAsync("r");
        await page.Keyboard.PressAsync("3");
        await page.Keyboard.PressAsync("2");
        await page.Keyboard.PressAsync("t");
        await page.Keyboard.PressAsync("1");
        // Turn 2: Tab moves between axes.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("r");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("1");
        await page.WaitForSelectorAsync("#status.saved");
        await page.Keyboard.PressAsync("?");
        (await page.IsVisibleAsync("#help")).ShouldBeTrue();
        (await page.InnerTextAsync("#help-keys")).ShouldContain("next / previous turn");
        await page.Keyboard.PressAsync("Escape");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#workspace[data-ready='true']");
        page.Url.ShouldBe(labelPage);
        (await SelectedAsync(page)).ShouldBe(["relevance=3", "factual_grounding=2", "tool_selection=1"]);
        await page.Keyboard.PressAsync("j");
        (await SelectedAsync(page)).ShouldBe(["unsafe_edits=1"]);

        // The payload is in the page as text, and did nothing.
        (await page.InnerTextAsync("#conversation")).ShouldContain("<script>window.__xss = 1");
        (await page.EvaluateAsync<int>("document.querySelectorAll('#conversation script, #conversation img, #panel script').length")).ShouldBe(0);
        (await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'")).ShouldBeTrue();
        dialogs.ShouldBeEmpty();
        var screenshot = Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "annotate-xss.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        File.Exists(screenshot).ShouldBeTrue();
        consoleErrors.ShouldBeEmpty();

        var rows = await store.LabelsAsync("", ct);
        rows.Count.ShouldBe(2);
    }

    private static async Task<IReadOnlyList<string>> SelectedAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('#panel fieldset.axis')).flatMap(f => Array.from(f.querySelectorAll('button.level.selected')).map(b => f.dataset.axis + '=' + b.dataset.value))");
}
