using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>
/// CRLF at the agent-patch door. Line ends are content to git: a CRLF patch for a CRLF file is a correct patch and
/// applies as it is. A patch whose line ends were turned into CRLF on the way (a Windows editor, a JSON export) is the
/// same change: the check finds that it applies once its line ends are LF, and the task script must then apply that
/// form. A patch whose line ends do not match the file's is refused, with git's and patch's reasons.
/// </summary>
public sealed class PatchLineEndingTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _checkout;
    private readonly string _lf;

    public PatchLineEndingTests()
    {
        _checkout = DemoTasks.Checkout("demo__calculator-1", _temp.Combine("checkout"));
        _lf = DemoTasks.Row("demo__calculator-1")["patch"]!.GetValue<string>();
        File.WriteAllText(Path.Combine(_checkout, "win.txt"), "one\r\ntwo\r\nthree\r\n");
        using var repository = new LibGit2Sharp.Repository(_checkout);
        LibGit2Sharp.Commands.Stage(repository, "win.txt");
        var someone = new LibGit2Sharp.Signature("t", "t@example.com", DateTimeOffset.UnixEpoch);
        repository.Commit("a file with CRLF line ends", someone, someone, new LibGit2Sharp.CommitOptions());
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CrlfPatches_ApplyWhenTheirLineEndsMatchOrAreOnlyTransport_AndAreRefusedWithAReasonWhenTheyDoNot()
    {
        using var row = ReliabilityRecord.Start("Bad input: patches", "CRLF at the agent door (Evaluate's check, then the local executor's script on a copy of the real checkout): the demo's gold patch with every line end CRLF; "
            + "a CRLF patch for a CRLF file; an LF patch for that CRLF file; a CRLF patch for it with one line's CR lost");
        var crlfForCrlf = "--- a/win.txt\r\n+++ b/win.txt\r\n@@ -1,3 +1,3 @@\r\n one\r\n-two\r\n+TWO\r\n three\r\n";

        // Transport CRLF: the check applies it with LF line ends, and the executor is given that form.
        var transported = await PatchDoor.CheckAsync(_checkout, _lf.ReplaceLineEndings("\r\n"));
        transported.Method.ShouldBe(PatchMethod.GitApplyCrlfNormalized, transported.Message);
        var normalized = await PatchDoor.ApplyAsync(_checkout, transported.AsApplied(_lf.ReplaceLineEndings("\r\n")));
        normalized.PatchApplied.ShouldBeTrue(normalized.Log);
        normalized.Changed.ShouldBe([" M calc.py"], normalized.Log);
        normalized.ShouldStayInside("CRLF gold patch, LF form");
        var asItCame = await PatchDoor.ApplyAsync(_checkout, _lf.ReplaceLineEndings("\r\n"));
        asItCame.Log.ShouldContain("patch does not apply", Case.Sensitive, "as it came, git apply refuses it: the form the check found is the one to run");
        asItCame.Log.ShouldContain("Stripping trailing CRs", Case.Sensitive, "the script's fallback, GNU patch, takes it with its CRs stripped");
        asItCame.Changed.ShouldBe(normalized.Changed, asItCame.Log);
        row.Case();

        // A correct CRLF patch: as it is.
        var correct = await PatchDoor.CheckAsync(_checkout, crlfForCrlf);
        correct.Method.ShouldBe(PatchMethod.GitApply, correct.Message);
        correct.AsApplied(crlfForCrlf).ShouldBe(crlfForCrlf);
        var applied = await PatchDoor.ApplyAsync(_checkout, crlfForCrlf);
        applied.PatchApplied.ShouldBeTrue(applied.Log);
        applied.Changed.ShouldBe([" M win.txt"], applied.Log);
        row.Case();

        // Line ends that do not match the file: refused, and the reason says so.
        var lfForCrlf = await PatchDoor.CheckAsync(_checkout, crlfForCrlf.ReplaceLineEndings("\n"));
        lfForCrlf.Applies.ShouldBeFalse();
        lfForCrlf.Message.ShouldContain("error: win.txt: patch does not apply");
        lfForCrlf.Message.ShouldContain("different line endings");
        row.Case();
        var lostCr = await PatchDoor.CheckAsync(_checkout, crlfForCrlf.Replace("-two\r\n", "-two\n", StringComparison.Ordinal));
        lostCr.Applies.ShouldBeFalse();
        lostCr.Message.ShouldContain("error: win.txt: patch does not apply");
        row.Case();

        row.Passed("CRLF is content to git, so a correct CRLF patch for a CRLF file applies as it is; a patch whose line ends became CRLF on the way applies with LF line ends, "
            + "and that LF form is what the executor's script gets (given as it came, git apply refuses it and the script's GNU patch fallback strips the CRs, with the same result); line ends that do not match the file are refused (patch-does-not-apply) "
            + "with git's \"patch does not apply\" and GNU patch's \"different line endings\"");
    }
}
