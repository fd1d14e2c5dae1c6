using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Mining.Sources;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Mining.Tests.Sources;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Mining.Tests.Git;

/// <summary>
/// Hostile patches at both doors a patch comes through: the agent's patch, checked by <see cref="PatchCheck"/> on a real
/// git checkout before anything applies it (Evaluate), and a task row's gold and test patches, checked by the row parser
/// (Mine), which has no checkout. Each kind must be refused with a reason that names what is wrong, and nothing outside
/// the checkout may change.
/// </summary>
public sealed class PatchRefusalTests : IDisposable
{
    private const string Area = "Bad input: patches";
    private const string NewFile = "new file mode 100644\n--- /dev/null\n";
    private const string Link = "new file mode 120000\n--- /dev/null\n";
    private const string Tool = "Tool:";
    private const string NoNewline = "\n\\ No newline at end of file\n";

    private readonly TempDirectory _temp = new();
    private readonly PatchCheck _check = new(TimeSpan.FromSeconds(30));

    public PatchRefusalTests()
    {
        Checkout = _temp.Combine("checkout");
        LibGit2Sharp.Repository.Init(Checkout);
        Write("src/calc.py", "def add(a, b):\n    return a - b\n");
        Write("win.txt", "one\r\ntwo\r\nthree\r\n");
        Directory.CreateDirectory(_temp.Combine("outside"));
        File.WriteAllText(_temp.Combine("outside", "secret.txt"), "secret\n");
        Directory.CreateSymbolicLink(Path.Combine(Checkout, "vendor"), _temp.Combine("outside"));
        File.CreateSymbolicLink(Path.Combine(Checkout, "notes.txt"), _temp.Combine("outside", "secret.txt"));
    }

    private string Checkout { get; }

    /// <summary>
    /// Kind, patch, what the agent-patch check must say (a refusal before any tool runs unless <c>Tool</c> is given: then
    /// the tools ran and it did not apply), and whether the row parser, without a checkout, must refuse it too.
    /// </summary>
    private static readonly (string Kind, string Patch, string Expected, bool RowDoorRefuses)[] s_hostile =
    [
        ("../ path", "--- a/../outside.txt\n+++ b/../outside.txt\n@@ -0,0 +1 @@\n+x\n", "path '../outside.txt' leaves the repository ('..')", true),
        ("../ through a folder", $"diff --git a/src/../../x b/src/../../x\n{NewFile}+++ b/src/../../x\n@@ -0,0 +1 @@\n+x\n", "path 'src/../../x' leaves the repository ('..')", true),
        ("../ octal-quoted", $"diff --git \"a/\\056\\056/x\" \"b/\\056\\056/x\"\n{NewFile}+++ \"b/\\056\\056/x\"\n@@ -0,0 +1 @@\n+x\n", "path '../x' leaves the repository ('..')", true),
        ("absolute path", "--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-root\n+evil\n", "path '/etc/passwd' is absolute", true),
        ("absolute after a/", "diff --git a/x b/x\n--- a//tmp/x\n+++ b//tmp/x\n@@ -0,0 +1 @@\n+x\n", "path '/tmp/x' is absolute", true),
        ("home path", $"diff --git a/~/.bashrc b/~/.bashrc\n{NewFile}+++ b/~/.bashrc\n@@ -0,0 +1 @@\n+x\n", "path '~/.bashrc' is absolute", true),
        ("drive path", $"diff --git a/C:/x b/C:/x\n{NewFile}+++ b/C:/x\n@@ -0,0 +1 @@\n+x\n", "path 'C:/x' is absolute", true),
        ("rename to ../", "diff --git a/src/calc.py b/../calc.py\nsimilarity index 100%\nrename from src/calc.py\nrename to ../calc.py\n", "path '../calc.py' leaves the repository ('..')", true),
        ("rename from outside", "diff --git a/../../etc/passwd b/stolen\nsimilarity index 100%\nrename from ../../etc/passwd\nrename to stolen\n", "path '../../etc/passwd' leaves the repository ('..')", true),
        ("copy from absolute", "diff --git a/etc/passwd b/stolen\nsimilarity index 100%\ncopy from /etc/passwd\ncopy to stolen\n", "path '/etc/passwd' is absolute", true),
        (".git path", $"diff --git a/.git/hooks/pre-commit b/.git/hooks/pre-commit\n{NewFile}+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+rm -rf /\n", "path '.git/hooks/pre-commit' writes into the .git folder", true),
        (".GIT path", "--- a/.GIT/config\n+++ b/.GIT/config\n@@ -0,0 +1 @@\n+[core]\n", "path '.GIT/config' writes into the .git folder", true),
        ("symlink up and out", $"diff --git a/l b/l\n{Link}+++ b/l\n@@ -0,0 +1 @@\n+../../etc{NoNewline}", "symlink 'l' would point outside the repository (to '../../etc')", true),
        ("symlink absolute", $"diff --git a/l b/l\n{Link}+++ b/l\n@@ -0,0 +1 @@\n+/etc/passwd{NoNewline}", "symlink 'l' would point outside the repository (to '/etc/passwd')", true),
        ("symlink into .git", $"diff --git a/l b/l\n{Link}+++ b/l\n@@ -0,0 +1 @@\n+.git/hooks{NoNewline}", "symlink 'l' would point into the .git folder (to '.git/hooks')", true),
        ("symlink, then a file through it", $"diff --git a/l b/l\n{Link}+++ b/l\n@@ -0,0 +1 @@\n+src{NoNewline}diff --git a/l/x.py b/l/x.py\n{NewFile}+++ b/l/x.py\n@@ -0,0 +1 @@\n+x\n", "path 'l/x.py' goes through the symlink 'l' that the patch creates", true),
        ("file turned into a link out", $"diff --git a/src/calc.py b/src/calc.py\ndeleted file mode 100644\n--- a/src/calc.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-def add(a, b):\n-    return a - b\ndiff --git a/src/calc.py b/src/calc.py\n{Link}+++ b/src/calc.py\n@@ -0,0 +1 @@\n+../../outside/secret.txt{NoNewline}", "symlink 'src/calc.py' would point outside the repository (to '../../outside/secret.txt')", true),
        ("through a symlinked folder", "--- a/vendor/evil.py\n+++ b/vendor/evil.py\n@@ -0,0 +1 @@\n+x = 1\n", "path 'vendor/evil.py' goes through the symlink 'vendor'", false),
        ("into a symlink that points out", "--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-secret\n+changed\n", "path 'notes.txt' is a symlink to '", false),
        ("binary patch", "diff --git a/logo.bin b/logo.bin\nnew file mode 100644\nindex 0000000000000000000000000000000000000000..b43761b27df02a0c6c305120d37445368d1ac5e1\nGIT binary patch\nliteral 10\nRcmZQzWJ=1+ODwAV4*(1}1Bd_s\n\nliteral 0\nHcmV?d00001\n\n", "Tool:refused: 'logo.bin' is a binary patch (GIT binary patch); only text changes are evaluated", false),
        ("binary without content", "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n", "Tool:binary change without its content, which no tool can apply: Binary files a/logo.png and b/logo.png differ", false),
    ];

    [Fact]
    public async Task HostilePatches_AreRefusedWithTheirReason_AtTheAgentDoorAndWhereTheRowDoorCanSee_AndNothingOutsideChanges()
    {
        using var row = ReliabilityRecord.Start(
            Area,
            $"{s_hostile.Length} hostile patches, each as an agent's patch checked on a real git checkout (Evaluate) and as a task row's gold patch (Mine): "
            + string.Join(", ", s_hostile.Select(h => h.Kind)));
        var parser = new TaskRowParser("hostile", "swebench");
        foreach (var (kind, patch, expected, rowDoorRefuses) in s_hostile)
        {
            var before = Snapshot();

            var result = await _check.CheckAsync(Checkout, patch, TestContext.Current.CancellationToken);

            var byTool = expected.StartsWith(Tool, StringComparison.Ordinal);
            result.Applies.ShouldBeFalse(kind);
            result.Method.ShouldBe(byTool ? PatchMethod.None : PatchMethod.Refused, $"{kind}: {result.Message}");
            result.Message.ShouldStartWith(byTool ? expected[Tool.Length..] : expected, Case.Sensitive, kind);
            Snapshot().ShouldBe(before, kind);

            var parsed = parser.TryParse(TestRows.Row("acme__calc-1").With("patch", patch), "rows.jsonl#L1", out _, out var rejection);
            parsed.ShouldBe(!rowDoorRefuses, $"{kind}: {rejection?.Detail}");
            if (rowDoorRefuses)
            {
                rejection!.Reason.ShouldBe(RejectionReasons.UnsafePatch, kind);
                rejection.Detail.ShouldStartWith("rows.jsonl#L1: 'patch' touches paths outside the repository: ", Case.Sensitive, kind);
            }

            row.Case();
        }

        var refusedBeforeGit = s_hostile.Count(h => !h.Expected.StartsWith(Tool, StringComparison.Ordinal));
        var atRowDoor = s_hostile.Count(h => h.RowDoorRefuses);
        row.Passed($"no file outside (or inside) the checkout changed; every one refused at the agent door: {refusedBeforeGit} before git ran, with the path and why "
            + $"(patch-outside-repo), the {s_hostile.Length - refusedBeforeGit} binary ones without applying them (patch-does-not-apply, \"binary patch\" / \"binary change without its content\"); "
            + $"{atRowDoor} also refused at the task-row door (unsafe-patch, naming the path). A row door has no checkout: the 2 through existing symlinks and the 2 binary ones pass Mine and fail at Reproduce's script, git apply and GNU patch alike (PatchFallbackTests)");
    }

    public void Dispose() => _temp.Dispose();

    // Every file under the temporary folder (checkout and outside), with its content or link target.
    private string Snapshot() => string.Join('\n', Directory
        .EnumerateFileSystemEntries(_temp.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(p => new FileInfo(p) is { LinkTarget: { } target } ? $"{p} -> {target}" : File.Exists(p) ? $"{p}: {File.ReadAllText(p)}" : p));

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Checkout, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
