using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>
/// The task script applies a patch as SWE-bench's harness does: <c>git apply</c>, then GNU <c>patch --fuzz=5</c> when git
/// refuses it. The row door (Mine) has no checkout, so a gold patch that writes through a symlink of the repository, or
/// a binary one, reaches Reproduce's script unchecked: both tools must refuse it there, and nothing outside the copy may
/// change. A patch whose context drifted applies with the fallback.
/// </summary>
public sealed class PatchFallbackTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _checkout;
    private readonly string _outside;

    public PatchFallbackTests()
    {
        _checkout = DemoTasks.Checkout("demo__calculator-1", _temp.Combine("checkout"));
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret\n");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PatchesOnlyReproduceCanJudge_AreRefusedByBothOfTheScriptsTools_AndNothingOutsideChanges()
    {
        Directory.CreateSymbolicLink(Path.Combine(_checkout, "vendor"), _outside);
        File.CreateSymbolicLink(Path.Combine(_checkout, "notes.txt"), Path.Combine(_outside, "secret.txt"));
        (string Kind, string Patch, string PatchSays)[] hostile =
        [
            ("through a symlinked folder", "--- a/vendor/evil.py\n+++ b/vendor/evil.py\n@@ -0,0 +1 @@\n+x = 1\n", "Invalid file name vendor/evil.py"),
            ("into a symlink that points out", "--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-secret\n+changed\n", "File notes.txt is not a regular file"),
            ("binary without content", "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n", "does not apply"),
            ("binary", "diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..2222222\nGIT binary patch\nliteral 3\nKcmZ?wWMKdR00aO5\n\nliteral 0\nHcmV?d00001\n\n", "does not apply"),
        ];
        using var row = ReliabilityRecord.Start("Bad input: patches", "gold patches the task-row door cannot judge without a checkout, through Reproduce's task script (the local executor, on a copy "
            + "of a real checkout with a folder and a file symlinked out of it): " + string.Join(", ", hostile.Select(h => h.Kind)));

        foreach (var (kind, patch, patchSays) in hostile)
        {
            var applied = await PatchDoor.ApplyAsync(_checkout, patch);

            applied.ExitCode.ShouldBe(TestScript.PatchDoesNotApply, $"{kind}\n{applied.Log}");
            applied.Log.ShouldContain(patchSays, Case.Sensitive, kind);
            Directory.GetFiles(_outside).ShouldBe([Path.Combine(_outside, "secret.txt")], kind);
            (await File.ReadAllTextAsync(Path.Combine(_outside, "secret.txt"), TestContext.Current.CancellationToken)).ShouldBe("secret\n", kind);
            row.Case();
        }

        row.Passed("each refused by git apply and then by GNU patch (exit patch-does-not-apply; patch's own words: invalid file name through the symlinked folder, "
            + "not a regular file for the symlink); nothing outside the copy changed");
    }

    [Fact]
    public async Task APatchWhoseContextDrifted_AppliesWithTheFallback()
    {
        var gold = DemoTasks.Row("demo__calculator-1")["patch"]!.GetValue<string>();
        var file = Path.Combine(_checkout, "calc.py");
        var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        text.ShouldContain("\ndef mean(values):\n", Case.Sensitive, "the last context line of the demo's gold patch");
        await File.WriteAllTextAsync(file, text.Replace("\ndef mean(values):\n", "\ndef mean(values):  # drifted\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var applied = await PatchDoor.ApplyAsync(_checkout, gold);

        applied.PatchApplied.ShouldBeTrue(applied.Log);
        applied.Log.ShouldContain("patch does not apply", Case.Sensitive, "git apply refused the drifted context first");
        applied.Log.ShouldContain("with fuzz", Case.Sensitive, "GNU patch placed the hunk");
        applied.Changed.ShouldBe([" M calc.py"], applied.Log);
        applied.ShouldStayInside("drifted context");
    }
}
