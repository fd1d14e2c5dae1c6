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
    public async Task Import_KilledOrInterrupted_LeavesTheOldOutputWhole_AndTheNextImportFinishesIt()
    {
        // About 150 MB of normalized trajectories: long enough to be caught while it writes.
        var sample = _temp.Combine("sample.jsonl");
        (await CliRunner.RunAsync("import", "-f", "swe-agent", Samples(), "-o", sample)).ExitCode.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(sample, TestContext.Current.CancellationToken);
        var big = _temp.Combine("big.jsonl");
        await using (var writer = new StreamWriter(big))
        {
            while (writer.BaseStream.Length < 150_000_000)
            {
                foreach (var line in lines)
                {
                    await writer.WriteLineAsync(line);
                }
            }
        }

        var output = _temp.Combine("out.jsonl");
        var partial = Commands.ImportCommand.PartialPath(output);
        foreach (var stop in new[] { "SIGINT", "SIGKILL" })
        {
            await File.WriteAllTextAsync(output, "the previous import\n", TestContext.Current.CancellationToken);
            using var child = ChildProcess.Start("trajbuild", ["import", "-f", "normalized", big, "-o", output], _temp.Path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(File.Exists(partial) && new FileInfo(partial).Length > 0) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }

            if (stop == "SIGKILL")
            {
                child.KillHard();
            }
            else
            {
                child.Interrupt();
            }

            var code = await child.WaitAsync(TimeSpan.FromSeconds(60));
            code.ShouldNotBe(0, $"{stop}: the import must be stopped while it writes (make the input larger if it finished)\n{child.Stderr}");
            (await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).ShouldBe("the previous import\n", stop);
            File.Exists(partial).ShouldBe(stop == "SIGKILL", $"{stop}: an interrupted import removes its partial file; a killed one cannot");
        }

        var (again, _, stderr) = await CliRunner.RunAsync("import", "-f", "normalized", big, "-o", output);

        again.ShouldBe(0, stderr);
        File.Exists(partial).ShouldBeFalse("the next import to the same path takes the partial file over and moves it into place");
        new FileInfo(output).Length.ShouldBeGreaterThan(100_000_000);
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
