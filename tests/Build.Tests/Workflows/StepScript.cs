using System.Diagnostics;

namespace Build.Tests.Workflows;

/// <summary>A run step's script, run the way GitHub runs <c>shell: bash</c>: a file, <c>bash --noprofile --norc -eo pipefail</c>.</summary>
internal static class StepScript
{
    public static string Of(Workflow workflow, string stepName) =>
        WorkflowRules.Run(workflow.Steps.Single(s => s.Step["name"]?.GetValue<string>() == stepName).Step);

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var file = Path.Combine(workingDirectory, $"step-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(file, script, TestContext.Current.CancellationToken);
        var info = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", file])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.Delete(file);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The tools the scripts use besides bash and coreutils; a test without them is skipped, saying so.</summary>
    public static void SkipWithoutTools()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the workflow scripts are bash for Linux runners");
        Assert.SkipUnless(
            Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "jq"))),
            "jq is not installed (GitHub's runners have it)");
    }
}
