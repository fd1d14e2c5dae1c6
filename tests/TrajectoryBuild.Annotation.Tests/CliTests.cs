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

    [Fact]
    public async Task Export_LabelStudio_SaysItIsNotAvailableYet()
    {
        var (code, _, stderr) = await RunAsync("annotate", "export", "--format", "label-studio", "--db", Db);

        code.ShouldBe(1);
        stderr.ShouldContain("not available yet");
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
