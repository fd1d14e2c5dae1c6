using System.Text;
using TrajectoryBuild.Cli;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Annotation.Tests;

/// <summary>The annotate commands, run in-process over a real SQLite file.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Db => _temp.Combine("store", "annotate.db");

    [Fact]
    public async Task LoadUsersStatusExport_WorkTogether()
    {
        var slice = _temp.Combine("slice.jsonl");
        await File.WriteAllBytesAsync(slice, SliceFile.ToUtf8([.. TestData.Slice(2, 2, annotators: 2), TestData.Item("gold1", 2)]), TestContext.Current.CancellationToken);
        var gold = _temp.Combine("gold.jsonl");
        LabelsJsonl.WriteFile(gold, [TestData.Gold("gold1", 2)]);

        var (code, stdout, stderr) = await RunAsync("annotate", "load", slice, "--gold", gold, "--db", Db);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("3 new items, 0 already loaded, 1 gold");
        (await RunAsync("annotate", "load", slice, "--db", Db)).Stdout.ShouldContain("0 new items, 3 already loaded");

        (code, stdout, stderr) = await RunAsync("annotate", "users", "add", "alice", "--role", "annotator", "--db", Db);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("one-time password for 'alice'");
        (await RunAsync("annotate", "users", "add", "alice", "--role", "annotator", "--db", Db)).ExitCode.ShouldBe(1);

        (code, stdout, _) = await RunAsync("annotate", "status", "--db", Db);
        code.ShouldBe(0);
        stdout.ShouldContain("3 items (1 gold), 4 labels wanted");
        stdout.ShouldContain("alice");

        var output = _temp.Combine("labels.jsonl");
        (code, _, stderr) = await RunAsync("annotate", "export", "--format", "jsonl", "-o", output, "--db", Db);
        code.ShouldBe(0, stderr);
        LabelsJsonl.ReadFile(output).Single().Kind.ShouldBe(AnnotationKind.Gold);
    }

    [Fact]
    public async Task Load_BadSlice_NamesFileAndLine()
    {
        var slice = _temp.Combine("slice.jsonl");
        var good = Encoding.UTF8.GetString(SliceFile.ToUtf8(TestData.Slice(1, 1)));
        await File.WriteAllTextAsync(slice, good + "{\"trajectory_id\": 3\n", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await RunAsync("annotate", "load", slice, "--db", Db);

        code.ShouldBe(1);
        stderr.ShouldContain($"error: {slice}:2: not a slice item");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "not a loopback address")]
    [InlineData("ftp://127.0.0.1:21", "not an http:// or https:// URL")]
    public async Task Serve_NonLoopbackWithoutAllowRemote_IsAUsageError(string url, string expected)
    {
        var (code, _, stderr) = await RunAsync("annotate", "serve", "--urls", url, "--db", Db);

        code.ShouldBe(2);
        stderr.ShouldContain(expected);
        File.Exists(Db).ShouldBeFalse();
    }

    [Fact]
    public async Task Serve_PostgresEnvUnset_SaysSoWithoutAConnectionString()
    {
        var (code, _, stderr) = await RunAsync("annotate", "status", "--postgres-env", "TRAJBUILD_TEST_UNSET_VARIABLE");

        code.ShouldBe(2);
        stderr.ShouldContain("TRAJBUILD_TEST_UNSET_VARIABLE: the environment variable is not set");
    }

    [Fact]
    public async Task Status_PostgresUnreachable_NeverPrintsThePassword()
    {
        var (code, _, stderr) = await RunAsync("annotate", "status", "--postgres", "Host=127.0.0.1;Port=1;Username=u;Password=s3cret-value;Database=d;Timeout=2");

        code.ShouldBe(1);
        stderr.ShouldContain("PostgreSQL 127.0.0.1:1/d as u");
        stderr.ShouldNotContain("s3cret-value");
    }

    [Theory]
    [InlineData("label-studio", ".config.xml", "<View>")]
    [InlineData("argilla", ".settings.json", "\"questions\"")]
    public async Task Export_ToolFormat_WritesATaskPerTurnAndTheToolSetupBesideIt(string format, string setupSuffix, string setupText)
    {
        var slice = _temp.Combine("slice.jsonl");
        await File.WriteAllBytesAsync(slice, SliceFile.ToUtf8(TestData.Slice(2, 3)), TestContext.Current.CancellationToken);
        (await RunAsync("annotate", "load", slice, "--db", Db)).ExitCode.ShouldBe(0);
        var output = _temp.Combine($"export.{format}.json");

        var (code, _, stderr) = await RunAsync("annotate", "export", "--format", format, "-o", output, "--db", Db);

        code.ShouldBe(0, stderr);
        stderr.ShouldContain($"2 trajectories with 0 annotations written to {output} ({format})");
        System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken))!.AsArray().Count.ShouldBe(6, "one task or record per turn");
        (await File.ReadAllTextAsync(output + setupSuffix, TestContext.Current.CancellationToken)).ShouldContain(setupText);
    }

    [Theory]
    [InlineData("label-studio")]
    [InlineData("argilla")]
    public async Task Convert_SliceWithLabels_ToAToolAndBack_GivesTheSameLabelFile(string format)
    {
        var slice = _temp.Combine("slice.jsonl");
        var gated = TestData.Slice(2, 3, annotators: 2).Select(i => i with { GateVerifier = "rules/1", GateTurns = [new TurnScores([3, 3, 2, 3, 3]), TurnScores.Empty, new TurnScores([1, 2, 3, 3, 3])] });
        await File.WriteAllBytesAsync(slice, SliceFile.ToUtf8(gated), TestContext.Current.CancellationToken);
        var labels = _temp.Combine("labels.jsonl");
        LabelsJsonl.WriteFile(labels,
        [
            new TrajectoryAnnotation("t000", "alice", AnnotationKind.Human, [new TurnLabel(0, new TurnScores([3, 2, 3, 1, 3]), "loops"), new TurnLabel(2, new TurnScores([1, 1, 2, 3, 3]))]),
            new TrajectoryAnnotation("t000", "bob", AnnotationKind.Human, [new TurnLabel(0, new TurnScores([3, 3, 3, 2, 3])), new TurnLabel(1, new TurnScores([2, 2, 2, 2, 2]))]),
            new TrajectoryAnnotation("t001", "carol", AnnotationKind.Adjudicated, [new TurnLabel(1, new TurnScores([3, 3, 3, 3, 1]))]),
        ]);
        var tasks = _temp.Combine("tasks.json");
        var back = _temp.Combine("back.jsonl");

        var (code, _, stderr) = await RunAsync("annotate", "convert", slice, "--from", "slice", "--to", format, "--labels", labels, "-o", tasks);
        code.ShouldBe(0, stderr);
        (await File.ReadAllTextAsync(tasks, TestContext.Current.CancellationToken)).ShouldContain("rules/1", Case.Sensitive, "the gate's scores go along as predictions / suggestions");
        (code, _, stderr) = await RunAsync("annotate", "convert", tasks, "--from", format, "-o", back);
        code.ShouldBe(0, stderr);

        (await File.ReadAllBytesAsync(back, TestContext.Current.CancellationToken)).ShouldBe(await File.ReadAllBytesAsync(labels, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("--from", "slice", "--to", "jsonl", "a slice holds no labels")]
    [InlineData("--from", "label-studio", "--to", "argilla", "convert it --to jsonl")]
    public async Task Convert_ImpossibleDirection_IsAUsageError(string fromOption, string from, string toOption, string to, string expected)
    {
        var (code, _, stderr) = await RunAsync("annotate", "convert", _temp.Combine("x.json"), fromOption, from, toOption, to);

        code.ShouldBe(2);
        stderr.ShouldContain(expected);
    }

    [Fact]
    public async Task Convert_BadLabelStudioExport_NamesTheFile()
    {
        var export = _temp.Combine("export.json");
        await File.WriteAllTextAsync(export, "[{\"id\": 1, \"data\": {}}]", TestContext.Current.CancellationToken);

        var (code, _, stderr) = await RunAsync("annotate", "convert", export, "--from", "label-studio");

        code.ShouldBe(1);
        stderr.ShouldStartWith($"error: {export}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
