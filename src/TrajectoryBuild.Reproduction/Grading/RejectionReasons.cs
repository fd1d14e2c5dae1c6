namespace TrajectoryBuild.Reproduction.Grading;

/// <summary>The reason codes of a rejected validation.</summary>
internal static class RejectionReasons
{
    public const string NoFailToPass = "no-fail-to-pass";
    public const string PassToFail = "pass-to-fail";
    public const string ErrorBefore = "error-before";
    public const string SuiteDidNotRun = "suite-did-not-run";
    public const string SpoofedOutput = "spoofed-output";

    /// <summary>The test patch or the gold patch does not apply to the base commit: the task is broken, not the machine.</summary>
    public const string PatchDoesNotApply = "patch-does-not-apply";

    /// <summary>The env image's setup script failed (a task's install_config added setup lines that fail).</summary>
    public const string SetupFailed = "setup-failed";

    /// <summary>
    /// After the gold patch, tests failed on what the sandbox refuses (the network, files outside the run's folders), and
    /// without them the task would be rejected: it cannot be judged in the sandbox. Infrastructure, not the task's fault.
    /// </summary>
    public const string SandboxRefused = "sandbox-refused";

    /// <summary>The task image's install script failed in the repository.</summary>
    public const string InstallFailed = "install-failed";
}
