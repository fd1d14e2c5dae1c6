namespace TrajectoryBuild.Reproduction.Parsing;

/// <summary>Why a log could not be graded (<see cref="TestRun.Problem"/>).</summary>
internal static class TestRunProblems
{
    public const string PatchApplyFailed = "patch-apply-failed";
    public const string ResetFailed = "reset-failed";
    public const string TestsErrored = "tests-errored";
    public const string TestsTimedOut = "tests-timed-out";
    public const string OutputTruncated = "output-truncated";
    public const string OutOfMemory = "out-of-memory";

    /// <summary>The run wrote as much as its disk limit: stopped there, or a file of it reached the per-file limit.</summary>
    public const string DiskLimit = "disk-limit";

    /// <summary>The log shows only passes while the command exited non-zero: something printed them.</summary>
    public const string SpoofedOutput = "spoofed-output";
}
