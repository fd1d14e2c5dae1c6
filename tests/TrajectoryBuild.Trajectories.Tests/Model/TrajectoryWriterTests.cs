using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Model;

public sealed class TrajectoryWriterTests
{
    internal static Trajectory Sample() => new()
    {
        Id = "t/1",
        InstanceId = "demo__calc-1",
        Provenance = new Provenance
        {
            Scaffold = "reference",
            ScaffoldVersion = "1",
            Model = "scripted",
            ModelParams = new JsonObject { ["temperature"] = 0.0 },
            Seed = 7,
            SourceFormat = "reference",
            SourceFile = "raw/exchanges.jsonl",
            SourceSha256 = new string('a', 64),
            Importer = "reference",
            ImporterVersion = 1,
        },
        Attempt = new AttemptInfo(1, 2, Chosen: false),
        Prompt = [new Message("system", "be brief"), new Message("user", "fix it")],
        Steps =
        [
            new AgentStep
            {
                Index = 0,
                Thought = "look first",
                Content = "look first",
                ToolCalls = [new ToolCall("bash", new JsonObject { ["command"] = "ls" }) { Id = "c1", ArgumentsRaw = "{\"command\":\"ls\"}" }],
                Observations = [new Observation("calc.py\n") { CallId = "c1", ExitCode = 0 }],
                ModelInput = [new Message("user", "fix it")],
                DurationSeconds = 1.5,
                Usage = new Usage(10, 5, 15, 0.001),
            },
            new AgentStep
            {
                Index = 1,
                ToolCalls = [new ToolCall("bash", []) { ArgumentsRaw = "{broken", ParseError = "the arguments are not valid JSON" }],
                Observations = [new Observation("Traceback ...") { IsError = true, ExitCode = 1 }],
                Feedback = [new Message("user", "Your output was not formatted correctly")],
                Error = "malformed tool call",
            },
        ],
        Patch = "diff --git a/calc.py b/calc.py\n",
        ExitStatus = "submitted",
        Usage = new Usage(10, 5, 15, 0.001),
        SourceLabels = new JsonObject { ["resolved"] = true },
    };

    [Fact]
    public void Write_ThenRead_GivesTheSameBytes()
    {
        var bytes = TrajectoryWriter.ToUtf8(Sample());

        var again = TrajectoryWriter.ToUtf8(TrajectoryReader.Read(bytes));

        Encoding.UTF8.GetString(again).ShouldBe(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Read_FromMemory_ReadsWhatTheSpanReads()
    {
        var bytes = TrajectoryWriter.ToUtf8(Sample());

        var fromMemory = TrajectoryWriter.ToUtf8(TrajectoryReader.Read(bytes.AsMemory()));

        Encoding.UTF8.GetString(fromMemory).ShouldBe(Encoding.UTF8.GetString(bytes));
        Should.Throw<JsonException>(() => TrajectoryReader.Read("{\"schema_version\": 0}"u8.ToArray().AsMemory()));
    }

    [Fact]
    public void Write_MatchesTheShippedSchema()
    {
        TrajectorySchema.Validate(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Sample()))).ShouldBeEmpty();
        TrajectorySchema.Validate(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Sample() with { Attempt = null, Usage = null, Steps = [] }))).ShouldBeEmpty();
    }

    [Fact]
    public void Schema_RejectsUnknownFieldsAndOtherVersions()
    {
        var json = JsonNode.Parse(TrajectoryWriter.ToUtf8(Sample()))!.AsObject();
        json["surprise"] = 1;
        json["schema_version"] = 2;

        var errors = TrajectorySchema.Validate(json.ToJsonString());

        errors.ShouldContain(e => e.Contains("surprise", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("schema_version", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_KeepsFailedCallsAndTheirRawArguments()
    {
        var json = JsonNode.Parse(TrajectoryWriter.ToUtf8(Sample()))!;

        var failed = json["steps"]![1]!;
        failed["tool_calls"]![0]!["arguments_raw"]!.GetValue<string>().ShouldBe("{broken");
        failed["observations"]![0]!["is_error"]!.GetValue<bool>().ShouldBeTrue();
        failed["error"]!.GetValue<string>().ShouldBe("malformed tool call");
    }
}
