using Microsoft.Playwright;
using TrajectoryBuild.Annotation.Hosting;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>End to end: the real server on Kestrel (127.0.0.1, a free port), driven by Playwright in the system Chromium.</summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    // Ready when the script marked it so, visible or not: a payload that hid the page must fail the inertness checks, not a wait.
    private static readonly PageWaitForSelectorOptions s_attached = new() { State = WaitForSelectorState.Attached };

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
        await store.LoadSliceAsync([TestData.Item("xss-item" + TestData.Script, 3, payload: TestData.Hostile)], [], "", ct);
        await store.AddUserAsync("ann", Roles.Annotator, ServerFixture.Password, false, ct);
        await store.AddUserAsync("root", Roles.Admin, ServerFixture.Password, false, ct);
        await using var server = await AnnotationServer.StartAsync(store, ["http://127.0.0.1:0"], temp.Combine("keys"), ct);
        var url = server.Addresses[0];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        using var row = ReliabilityRecord.Start("Annotation server", $"hostile trajectory content in a real browser (Chromium via Playwright, the server on Kestrel): {TestData.Vectors.Length} markup vectors "
            + "(script, img onerror, svg onload, iframe and link to javascript:, attribute and tag breakouts, style, meta refresh, bold) in the trajectory id, prompt, thought, tool call, "
            + "observation and patch, and typed into an annotator's comment; pages: the annotator's queue and workspace (before and after reload, and after the comment), an admin's review list, "
            + "adjudication page and dashboard");
        var dialogs = new List<string>();
        var consoleErrors = new List<string>();
        var requests = new List<string>();
        var page = await browser.NewPageAsync();
        Watch(page, dialogs, consoleErrors, requests);

        await page.GotoAsync(url + "/annotate");
        page.Url.ShouldContain("/login");
        await page.FillAsync("#name", "ann");
        await page.FillAsync("#password", ServerFixture.Password);
        await page.ClickAsync("#login");
        await ArrivedAsync(page, url + "/annotate");
        await ShouldBeInertAsync(page, row);
        await page.Keyboard.PressAsync("n");
        await page.WaitForSelectorAsync("#workspace[data-ready='true']", s_attached);
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
        await page.WaitForSelectorAsync("#workspace[data-ready='true']", s_attached);
        page.Url.ShouldBe(labelPage);
        (await SelectedAsync(page)).ShouldBe(["relevance=3", "factual_grounding=2", "tool_selection=1"]);
        await page.Keyboard.PressAsync("j");
        (await SelectedAsync(page)).ShouldBe(["unsafe_edits=1"]);

        // The payload is in the page as text, and did nothing.
        var conversation = await page.InnerTextAsync("#conversation");
        foreach (var (payload, _) in TestData.Vectors)
        {
            conversation.ShouldContain(payload);
        }

        await ShouldBeInertAsync(page, row);
        var screenshot = Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "annotate-xss.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        File.Exists(screenshot).ShouldBeTrue();

        var rows = await store.LabelsAsync("", ct);
        rows.Count.ShouldBe(2);

        // The annotator types the payload into a comment: saved, and after a reload it is the textarea's text.
        await page.FillAsync("#comment", TestData.Hostile);
        await page.DispatchEventAsync("#comment", "change");
        await page.WaitForFunctionAsync("() => ['saved', 'error'].includes(document.getElementById('status').className)");
        (await page.GetAttributeAsync("#status", "class")).ShouldBe("saved", await page.InnerTextAsync("#status"));
        (await store.LabelsAsync("", ct)).ShouldContain(l => l.Comment == TestData.Hostile);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#workspace[data-ready='true']", s_attached);
        await page.Keyboard.PressAsync("j");
        (await page.InputValueAsync("#comment")).ShouldBe(TestData.Hostile);
        await ShouldBeInertAsync(page, row);

        // An admin reads the same trajectory on the review pages and the dashboard.
        var admin = await browser.NewPageAsync();
        Watch(admin, dialogs, consoleErrors, requests);
        await admin.GotoAsync(url + "/login");
        await admin.FillAsync("#name", "root");
        await admin.FillAsync("#password", ServerFixture.Password);
        await admin.ClickAsync("#login");
        await ArrivedAsync(admin, url + "/admin");
        await ShouldBeInertAsync(admin, row);
        await admin.GotoAsync(url + "/review");
        await ShouldBeInertAsync(admin, row);
        await admin.GotoAsync($"{url}/review/{(await store.ItemsAsync(ct))[0].Id}");
        await admin.WaitForSelectorAsync("#workspace[data-ready='true']", s_attached);
        (await admin.InnerTextAsync("#conversation")).ShouldContain(TestData.Script);
        await ShouldBeInertAsync(admin, row);

        dialogs.ShouldBeEmpty();
        consoleErrors.ShouldBeEmpty("a CSP violation (an injected inline script or style) would show here");
        requests.Where(r => !r.StartsWith(url + "/", StringComparison.Ordinal) || r.EndsWith("/x", StringComparison.Ordinal)).ShouldBeEmpty("nothing loaded from the payload");
        row.Passed("inert on every page: the payload showed as text (the comment as the textarea's value), no element was parsed from it (no script, img, svg, iframe, style, "
            + "meta, bold or javascript: link), window.__xss stayed unset, no dialog opened, nothing was fetched or navigated to, and the console had no error (the CSP had nothing to block)");
    }

    private static void Watch(IPage page, List<string> dialogs, List<string> consoleErrors, List<string> requests)
    {
        // Alone this test takes about 4 s; in CI, beside the container tests on 2 cores, one wait for the admin page's
        // load event once passed Playwright's default 30 s. A page that never loads still fails, later.
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
    }

    // Playwright's WaitForURLAsync waits for the load event in this process: it looks at the load states seen so far, then
    // listens for the next. A load reported in between is missed and the wait runs out although the page is there (CI, twice:
    // once at 30 s, once at 90 s with only "NetworkIdle event fired" in its log). This wait runs in the page and outlives the navigation.
    private static async Task ArrivedAsync(IPage page, string url)
    {
        var arrived = await page.WaitForFunctionAsync("url => location.href === url && document.readyState === 'complete'", url);
        await arrived.DisposeAsync();
    }

    // Nothing of the payload became an element or ran; the page is still ours.
    private static async Task ShouldBeInertAsync(IPage page, ReliabilityRecord row)
    {
        (await page.EvaluateAsync<int>("document.querySelectorAll('main script, main img, main svg, main iframe, main style, main meta, main object, main embed, main b, #xss-link, a[href^=\"javascript\"]').length"))
            .ShouldBe(0, page.Url);
        (await page.EvaluateAsync<int>("Array.from(document.scripts).filter(s => !s.src.includes('/static/')).length")).ShouldBe(0, page.Url);
        (await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'")).ShouldBeTrue(page.Url);
        page.Url.ShouldStartWith("http://127.0.0.1:");
        row.Case();
    }

    private static async Task<IReadOnlyList<string>> SelectedAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            "Array.from(document.querySelectorAll('#panel fieldset.axis')).flatMap(f => Array.from(f.querySelectorAll('button.level.selected')).map(b => f.dataset.axis + '=' + b.dataset.value))");
}
