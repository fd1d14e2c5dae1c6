using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Cli.Tests;

/// <summary><c>trajbuild import</c> on the demo's recorded SWE-agent runs (samples/trajectories).</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Import_Folder_WritesEveryTrajectoryAndReportsTheQuarantinedFile()
    {
        var output = _temp.Combine("out.jsonl");
        var quarantine = _temp.Combine("bad.jsonl");

        var (code, _, stderr) = await CliRunner.RunAsync("import", "-f", "swe-agent", Samples(), "-o", output, "--quarantine", quarantine);

        code.ShouldBe(0);
        var lines = File.ReadAllLines(output);
        lines.Length.ShouldBe(5);
        lines.ShouldAllBe(line => TrajectorySchema.Validate(line).Count == 0);
        var ids = lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToList();
        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => id.Contains("/swe-agent/", StringComparison.Ordinal));
        var bad = JsonNode.Parse(File.ReadAllText(quarantine))!;
        bad["file"]!.GetValue<string>().ShouldEndWith("interrupted/demo__calculator-2.traj");
        bad["reason"]!.GetValue<string>().ShouldStartWith("not valid JSON");
        stderr.ShouldContain("5 trajectories, 1 quarantined, from 5 files");
    }

    [Fact]
    public async Task Import_Twice_GivesTheSameBytes()
    {
        var (first, second) = (_temp.Combine("a.jsonl"), _temp.Combine("b.jsonl"));

        (await CliRunner.RunAsync("import", "-f", "swe-agent", Samples(), "-o", first)).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync("import", "-f", "swe-agent", Samples(), "-o", second)).ExitCode.ShouldBe(0);

        File.ReadAllBytes(second).ShouldBe(File.ReadAllBytes(first));
    }

    [Fact]
    public async Task Import_Strict_FailsWhenARecordWasQuarantined()
    {
        var (code, _, _) = await CliRunner.RunAsync("import", "-f", "swe-agent", Samples(), "-o", _temp.Combine("out.jsonl"), "--strict");

        code.ShouldBe(1);
    }

    [Fact]
    public async Task Import_ToStdout_WritesJsonLines()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("import", "-f", "swe-agent", Path.Combine(Samples(), "demo__calculator-2"));

        code.ShouldBe(0);
        JsonNode.Parse(stdout.TrimEnd('\n'))!["instance_id"]!.GetValue<string>().ShouldBe("demo__calculator-2");
    }

    [Fact]
    public async Task Import_UnknownFormat_IsAUsageErrorListingTheFormats()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("import", "-f", "swe_agent", Samples());

        code.ShouldBe(2);
        stderr.ShouldContain("unknown format 'swe_agent'");
        stderr.ShouldContain("swe-agent");
    }

    [Fact]
    public async Task Import_List_NamesEveryImporter()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("import", "--list");

        code.ShouldBe(0);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ShouldBe(TrajectoryImporters.All.Select(i => i.Format));
    }

    [Fact]
    public async Task Plan_ImportPathMissing_SaysWhichScaffoldAndHowToFixIt()
    {
        var manifest = _temp.Combine("datasets.yaml");
        File.WriteAllText(manifest, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "datasets.yaml")).Replace("path: samples/trajectories", "path: recordings", StringComparison.Ordinal));
        _temp.CopyTree(Path.Combine(RepositoryRoot.Path, "samples"), "samples");

        var (code, _, stderr) = await CliRunner.RunRealAsync("plan", "--manifest", manifest);

        code.ShouldBe(1);
        stderr.ShouldStartWith("error: scaffold 'recorded' imports from 'recordings', which does not exist");
        stderr.ShouldContain("fix import.path in datasets.yaml");
    }

    private static string Samples() => Path.Combine(RepositoryRoot.Path, "samples", "trajectories");
}
