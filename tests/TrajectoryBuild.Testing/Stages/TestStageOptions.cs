using System.Globalization;

namespace TrajectoryBuild.Testing.Stages;

/// <summary>
/// Knobs of the test stages: a per-target delay (so a child process can be killed mid-build), an injected
/// failure, a trace folder where each execution appends its target id (to count what really ran, across
/// processes), and a padding output per target (so writes take long enough to be killed or to fill a disk midway).
/// In-process tests set them directly; the trajbuild-test program reads them from the environment.
/// </summary>
public sealed record TestStageOptions
{
    public TimeSpan StepDelay { get; init; }

    public string? FailTarget { get; init; }

    public string? TraceDirectory { get; init; }

    /// <summary>When above 0, every target also writes <c>padding.bin</c>: this many bytes, the same for a target in every build.</summary>
    public int PaddingBytes { get; init; }

    /// <summary>The implementation version every test stage reports (bump it to simulate a code change).</summary>
    public int Version { get; init; } = 1;

    public static TestStageOptions FromEnvironment() => new()
    {
        StepDelay = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("TRAJBUILD_TEST_STEP_MS"), CultureInfo.InvariantCulture, out var ms) ? ms : 0),
        FailTarget = Environment.GetEnvironmentVariable("TRAJBUILD_TEST_FAIL"),
        TraceDirectory = Environment.GetEnvironmentVariable("TRAJBUILD_TEST_TRACE"),
        PaddingBytes = int.TryParse(Environment.GetEnvironmentVariable("TRAJBUILD_TEST_PADDING_KB"), CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0,
    };
}
