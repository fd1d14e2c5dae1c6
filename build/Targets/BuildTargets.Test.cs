using Build.Host;
using Build.Processes;
using Build.Testing;

namespace Build.Targets;

/// <summary>
/// Test: every project under tests/ runs as its own built executable (xUnit v3 in-process runner); then docs/reliability.md
/// is rendered from the rows the reliability tests recorded in this run.
/// </summary>
internal static partial class BuildTargets
{
    private const string TargetFramework = "net10.0";

    private static async Task TestAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var resultsFolder = Path.Combine(context.Root, "artifacts", "test-results");
        Directory.CreateDirectory(resultsFolder);

        // The reliability tests' rows of this run only; the test processes inherit where to write them.
        var reliabilityFolder = Path.Combine(context.Root, ReliabilityReport.RecordsFolder);
        if (Directory.Exists(reliabilityFolder))
        {
            Directory.Delete(reliabilityFolder, recursive: true);
        }

        Environment.SetEnvironmentVariable(ReliabilityReport.FolderVariable, reliabilityFolder);
        var summary = TestSummary.Empty;
        foreach (var project in TestProjects(context.Root))
        {
            summary = summary.Add(await RunTestProjectAsync(context, project, resultsFolder, cancellationToken).ConfigureAwait(false));
        }

        var rows = ReliabilityReport.Read(reliabilityFolder);
        var report = ReliabilityReport.Render(rows, summary, "./build.sh Test", DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(Path.Combine(context.Root, ReliabilityReport.DocumentPath), report, cancellationToken).ConfigureAwait(false);
        context.Console.Out.WriteLine();
        context.Console.Out.WriteLine($"{ReliabilityReport.DocumentPath}: {rows.Count} reliability rows of this run");
        summary.Write(context.Console.Out);
        context.FinalLine = summary.FinalLine;
        if (!summary.Succeeded)
        {
            var why = summary.Failed > 0 ? summary.FinalLine : "no test ran";
            throw new BuildFailedException(why) { AlreadyReported = true };
        }
    }

    // Test projects are the *.Tests folders; others under tests/ (shared infrastructure) are libraries or helpers.
    private static IEnumerable<string> TestProjects(string root) =>
        Directory.GetDirectories(Path.Combine(root, "tests"), "*.Tests")
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Order(StringComparer.Ordinal);

    private static async Task<TestSummary> RunTestProjectAsync(
        BuildContext context, string project, string resultsFolder, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(project);
        var executable = Path.Combine(
            project, "bin", context.Parameters.Configuration, TargetFramework, OperatingSystem.IsWindows() ? name + ".exe" : name);
        if (!File.Exists(executable))
        {
            return TestSummary.Empty.Add(new TestCase(name, TestOutcome.Failed, $"test executable not found: {executable}"));
        }

        var resultFile = Path.Combine(resultsFolder, name + ".xml");
        File.Delete(resultFile);
        context.Console.Out.WriteLine(context.Console.Style.Dim($"{name}:"));
        var exitCode = await ProcessRunner.RunAsync(
            executable, ["-result-xml", resultFile, "-noColor", "-noLogo"], project, context.Console.Out, cancellationToken)
            .ConfigureAwait(false);
        var summary = File.Exists(resultFile)
            ? TestResultParser.Parse(await File.ReadAllTextAsync(resultFile, cancellationToken).ConfigureAwait(false))
            : TestSummary.Empty.Add(new TestCase(name, TestOutcome.Failed, $"no results written to {resultFile}"));

        // A crash after the results were written still fails the run.
        return exitCode != 0 && summary.Failed == 0
            ? summary.Add(new TestCase(name, TestOutcome.Failed, $"{name} exited with code {exitCode}"))
            : summary;
    }
}
