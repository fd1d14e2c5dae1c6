using System.Text;
using TrajectoryBuild.Reproduction.Parsing;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// The shell script of one test run, the same for every executor: stderr joined to stdout (one ordered log), the test
/// patch and, for the "after" run, the gold patch applied as SWE-bench's harness and the patch check apply them
/// (<c>git apply</c>, then GNU <c>patch --fuzz=5</c> when git refuses), then the test command between SWE-bench's
/// output markers, its exit code printed after the end marker and returned.
/// </summary>
internal static class TestScript
{
    /// <summary>The exit code of a run whose patch did not apply.</summary>
    public const int PatchDoesNotApply = 97;

    public const string TestPatchFile = "test.diff";
    public const string GoldPatchFile = "gold.diff";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="repository">Where the repository is (the script cds there).</param>
    /// <param name="inbox">The folder holding <see cref="TestPatchFile"/> and <see cref="GoldPatchFile"/>.</param>
    /// <param name="hasTestPatch">Whether to apply the test patch.</param>
    /// <param name="hasGoldPatch">Whether to apply the gold patch after it.</param>
    /// <param name="testCommand">The environment's test command.</param>
    /// <param name="prelude">Lines run in the repository before the patches (the local executor's setup and install).</param>
    public static string For(string repository, string inbox, bool hasTestPatch, bool hasGoldPatch, string testCommand, IEnumerable<string>? prelude = null)
    {
        var script = new StringBuilder();
        script.Append("exec 2>&1\n");
        script.Append("cd ").Append(Quote(repository)).Append(" || exit 1\n");
        foreach (var line in prelude ?? [])
        {
            script.Append(line).Append('\n');
        }

        if (hasTestPatch)
        {
            AppendApply(script, inbox + "/" + TestPatchFile, "test");
        }

        if (hasGoldPatch)
        {
            AppendApply(script, inbox + "/" + GoldPatchFile, "gold");
        }

        script.Append("echo '").Append(TestLog.StartMarker).Append("'\n");
        script.Append(testCommand).Append('\n');
        script.Append("trajbuild_rc=$?\n");
        script.Append("echo '").Append(TestLog.EndMarker).Append("'\n");
        script.Append("echo \"").Append(TestLog.ExitCodePrefix).Append("$trajbuild_rc\"\n");
        script.Append("exit $trajbuild_rc\n");
        return script.ToString();
    }

    /// <summary>
    /// Writes the patches the script applies into <paramref name="inbox"/>, as UTF-8 with U+FFFD for what UTF-8 cannot
    /// hold (an unpaired surrogate): the bytes the patch check gave git, where the strict default would throw.
    /// </summary>
    public static async Task WritePatchesAsync(string inbox, string testPatch, string? goldPatch, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(inbox, TestPatchFile), testPatch, s_utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(inbox, GoldPatchFile), goldPatch ?? string.Empty, s_utf8, cancellationToken).ConfigureAwait(false);
    }

    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // git apply is all or nothing; when it refuses, GNU patch may still place hunks whose context drifted (fuzz), as the
    // patch check's last method and SWE-bench's harness allow. No backup or reject files are left in the repository.
    private static void AppendApply(StringBuilder script, string patch, string which) =>
        script.Append("git apply --whitespace=nowarn ").Append(Quote(patch))
            .Append(" || patch --batch --forward --no-backup-if-mismatch --reject-file=- -p1 --fuzz=5 -i ").Append(Quote(patch))
            .Append(" || { echo '").Append(TestLog.PatchApplyFailedMarker).Append("'; echo 'trajbuild: the ").Append(which)
            .Append(" patch does not apply'; exit ").Append(PatchDoesNotApply).Append("; }\n");
}
