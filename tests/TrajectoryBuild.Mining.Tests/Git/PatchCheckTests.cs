using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Mining.Tests.Git;

public sealed class PatchCheckTests : IDisposable
{
    private const string FixAdd = """
        diff --git a/src/calc.py b/src/calc.py
        --- a/src/calc.py
        +++ b/src/calc.py
        @@ -1,2 +1,2 @@
         def add(a, b):
        -    return a - b
        +    return a + b

        """;

    private readonly TempDirectory _temp = new();
    private readonly PatchCheck _check = new(TimeSpan.FromSeconds(30));

    public PatchCheckTests()
    {
        Checkout = _temp.Combine("checkout");
        LibGit2Sharp.Repository.Init(Checkout);
        Write("src/calc.py", "def add(a, b):\n    return a - b\n");
    }

    private string Checkout { get; }

    [Fact]
    public async Task CheckAsync_MatchingPatch_AppliesWithGitApplyAndChangesNothing()
    {
        var result = await _check.CheckAsync(Checkout, FixAdd, TestContext.Current.CancellationToken);

        result.ShouldBe(new PatchCheckResult(true, PatchMethod.GitApply, result.Message));
        result.Reason.ShouldBeNull();
        File.ReadAllText(Path.Combine(Checkout, "src", "calc.py")).ShouldContain("a - b");
    }

    [Fact]
    public async Task CheckAsync_ContextMismatch_DoesNotApplyAndSaysWhy()
    {
        Write("src/calc.py", "def add(a, b):\n    return a * b\n");

        var result = await _check.CheckAsync(Checkout, FixAdd, TestContext.Current.CancellationToken);

        result.Applies.ShouldBeFalse();
        result.Reason.ShouldBe(RejectionReasons.BadPatch);
        result.Message.ShouldContain("error: patch failed: src/calc.py:1");
        result.Message.ShouldContain("patch --fuzz=5:");
    }

    [Fact]
    public async Task CheckAsync_DriftedContext_AppliesWithPatchFuzz()
    {
        Write("src/lines.txt", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n");
        const string drifted = "--- a/src/lines.txt\n+++ b/src/lines.txt\n@@ -1,7 +1,7 @@\n ONE\n two\n three\n-four\n+FOUR\n five\n six\n SEVEN\n";

        var result = await _check.CheckAsync(Checkout, drifted, TestContext.Current.CancellationToken);

        result.Applies.ShouldBeTrue(result.Message);
        result.Method.ShouldBe(PatchMethod.PatchFuzz);
        result.Message.ShouldContain("fuzz");
    }

    [Theory]
    [InlineData("--- a/../outside.txt\n+++ b/../outside.txt\n@@ -0,0 +1 @@\n+x\n", "leaves the repository")]
    [InlineData("--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-root\n+evil\n", "is absolute")]
    [InlineData("diff --git a/x b/x\n--- a//tmp/x\n+++ b//tmp/x\n@@ -0,0 +1 @@\n+x\n", "is absolute")]
    [InlineData("--- a/.git/hooks/pre-commit\n+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+rm -rf /\n", "writes into the .git folder")]
    [InlineData("diff --git a/l b/l\nnew file mode 120000\n--- /dev/null\n+++ b/l\n@@ -0,0 +1 @@\n+../../etc\n\\ No newline at end of file\n", "symlink 'l' would point outside")]
    public async Task CheckAsync_PathOutsideRepository_IsRefusedWithoutRunningGit(string patch, string why)
    {
        var result = await _check.CheckAsync(Checkout, patch, TestContext.Current.CancellationToken);

        result.Method.ShouldBe(PatchMethod.Refused);
        result.Reason.ShouldBe(RejectionReasons.UnsafePatch);
        result.Message.ShouldContain(why);
    }

    [Fact]
    public async Task CheckAsync_PathThroughSymlinkedFolder_IsRefused()
    {
        Directory.CreateDirectory(_temp.Combine("outside"));
        Directory.CreateSymbolicLink(Path.Combine(Checkout, "vendor"), _temp.Combine("outside"));
        const string patch = "--- a/vendor/evil.py\n+++ b/vendor/evil.py\n@@ -0,0 +1 @@\n+x = 1\n";

        var result = await _check.CheckAsync(Checkout, patch, TestContext.Current.CancellationToken);

        result.Method.ShouldBe(PatchMethod.Refused);
        result.Message.ShouldContain("goes through the symlink 'vendor'");
    }

    [Fact]
    public async Task CheckAsync_CrlfPatchOnLfFile_AppliesAfterNormalizingLineEnds()
    {
        var result = await _check.CheckAsync(Checkout, FixAdd.Replace("\n", "\r\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        result.Applies.ShouldBeTrue(result.Message);
        result.Method.ShouldBe(PatchMethod.GitApplyCrlfNormalized);
    }

    [Fact]
    public async Task CheckAsync_CrlfFileWithMatchingCrlfPatch_AppliesAsIs()
    {
        Write("src/calc.py", "def add(a, b):\r\n    return a - b\r\n");

        var result = await _check.CheckAsync(Checkout, FixAdd.Replace("\n", "\r\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        result.Method.ShouldBe(PatchMethod.GitApply, result.Message);
    }

    [Fact]
    public async Task CheckAsync_BinaryDiffWithoutContent_DoesNotApply()
    {
        const string patch = "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n";

        var result = await _check.CheckAsync(Checkout, patch, TestContext.Current.CancellationToken);

        result.Applies.ShouldBeFalse();
        result.Reason.ShouldBe(RejectionReasons.BadPatch);
        result.Message.ShouldContain("binary change without its content");
    }

    [Fact]
    public async Task CheckAsync_GitBinaryPatch_IsRefusedWithoutApplying()
    {
        const string patch = """
            diff --git a/logo.bin b/logo.bin
            new file mode 100644
            index 0000000000000000000000000000000000000000..b43761b27df02a0c6c305120d37445368d1ac5e1
            GIT binary patch
            literal 10
            RcmZQzWJ=1+ODwAV4*(1}1Bd_s

            literal 0
            HcmV?d00001


            """; // git ends a binary hunk with an empty line; a raw literal drops the last line break

        var result = await _check.CheckAsync(Checkout, patch, TestContext.Current.CancellationToken);

        // git apply would take it; content no one can read in the trajectory could be what passes the tests.
        result.Applies.ShouldBeFalse();
        result.Reason.ShouldBe(RejectionReasons.BadPatch);
        result.Message.ShouldBe("refused: 'logo.bin' is a binary patch (GIT binary patch); only text changes are evaluated");
        File.Exists(Path.Combine(Checkout, "logo.bin")).ShouldBeFalse();
    }

    [Fact]
    public async Task CheckAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => _check.CheckAsync(Checkout, FixAdd, cancelled.Token));
    }

    public void Dispose() => _temp.Dispose();

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Checkout, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
