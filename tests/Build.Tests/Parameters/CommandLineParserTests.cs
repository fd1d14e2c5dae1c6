using Build.Host;
using Build.Parameters;

namespace Build.Tests.Parameters;

public sealed class CommandLineParserTests
{
    private readonly Dictionary<string, string> _environment = [];

    [Fact]
    public void Parse_NothingGiven_UsesDefaults()
    {
        var parameters = Parse().Parameters;

        parameters.ShouldBe(new BuildParameters("Debug", "datasets.yaml", Environment.ProcessorCount, false, false, false, null, false));
    }

    [Fact]
    public void Parse_EnvironmentOnly_OverridesDefault()
    {
        _environment["TRAJBUILD_CONFIGURATION"] = "Release";
        _environment["TRAJBUILD_JOBS"] = "3";
        _environment["TRAJBUILD_KEEP_GOING"] = "1";

        var parameters = Parse().Parameters;

        (parameters.Configuration, parameters.Jobs, parameters.KeepGoing).ShouldBe(("Release", 3, true));
    }

    [Fact]
    public void Parse_CommandLineAndEnvironment_CommandLineWins()
    {
        _environment["TRAJBUILD_CONFIGURATION"] = "Release";
        _environment["TRAJBUILD_JOBS"] = "3";
        _environment["TRAJBUILD_KEEP_GOING"] = "true";

        var parameters = Parse("--configuration", "Debug", "--jobs=7", "--keep-going=false").Parameters;

        (parameters.Configuration, parameters.Jobs, parameters.KeepGoing).ShouldBe(("Debug", 7, false));
    }

    [Fact]
    public void Parse_Iterations_DefaultTenElseEnvironmentElseCommandLine()
    {
        Parse().Parameters.Iterations.ShouldBe(10);
        _environment["TRAJBUILD_BENCH_ITERATIONS"] = "20";
        Parse().Parameters.Iterations.ShouldBe(20);
        Parse("--iterations", "3").Parameters.Iterations.ShouldBe(3);
    }

    [Fact]
    public void Parse_SizeMb_DefaultOneGigabyteElseEnvironmentElseCommandLine()
    {
        Parse().Parameters.SizeMb.ShouldBe(1024);
        _environment["TRAJBUILD_BENCH_SIZE_MB"] = "64";
        Parse().Parameters.SizeMb.ShouldBe(64);
        Parse("--size-mb", "2048").Parameters.SizeMb.ShouldBe(2048);
    }

    [Fact]
    public void Parse_EmptyEnvironmentVariable_IsIgnored()
    {
        _environment["TRAJBUILD_MANIFEST"] = string.Empty;

        Parse().Parameters.Manifest.ShouldBe("datasets.yaml");
    }

    [Fact]
    public void Parse_TargetsSwitchesAndStage_AreSeparated()
    {
        var commandLine = Parse("Compile", "--explain", "Test", "--plan", "--stage", "reproduce", "-h");

        commandLine.Targets.ShouldBe(["Compile", "Test"]);
        (commandLine.Plan, commandLine.Help, commandLine.Parameters.Explain).ShouldBe((true, true, true));
        commandLine.Parameters.Stage.ShouldBe("Reproduce");
    }

    [Fact]
    public void Parse_BadJobs_UsageErrorNamesParameterAndType()
    {
        var exception = Should.Throw<UsageException>(() => Parse("--jobs", "abc"));

        exception.Message.ShouldBe("--jobs: expected int (a whole number >= 1), got 'abc'");
    }

    [Fact]
    public void Parse_BadEnvironmentValue_UsageErrorNamesVariable()
    {
        _environment["TRAJBUILD_KEEP_GOING"] = "maybe";

        var exception = Should.Throw<UsageException>(() => Parse());

        exception.Message.ShouldBe("TRAJBUILD_KEEP_GOING (for --keep-going): expected bool (true/false, 1/0, yes/no), got 'maybe'");
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsThemAllAtOnce()
    {
        var exception = Should.Throw<UsageException>(() => Parse("--jobs", "0", "--stage", "Nope", "--job", "2"));

        exception.Message.Split(Environment.NewLine).ShouldBe(
        [
            "unknown option '--job'. Did you mean '--jobs'? See --help.",
            "--jobs: expected int (a whole number >= 1), got '0'",
            "--stage: expected stage (one of Mine, Clone, Environment, Reproduce, Rollout, Capture, Evaluate, Verify, Reward, Tag, Package), got 'Nope'",
        ]);
    }

    [Fact]
    public void Parse_MissingValue_UsageError()
    {
        Should.Throw<UsageException>(() => Parse("--manifest")).Message.ShouldBe("--manifest: expected string, got nothing");
    }

    private CommandLine Parse(params string[] args) =>
        CommandLineParser.Parse(args, name => _environment.GetValueOrDefault(name));
}
