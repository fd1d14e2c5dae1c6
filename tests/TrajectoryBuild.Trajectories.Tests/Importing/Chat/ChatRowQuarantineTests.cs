using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.Chat;

namespace TrajectoryBuild.Trajectories.Tests.Importing.Chat;

public sealed class ChatRowQuarantineTests
{
    public static TheoryData<string, string, string> Formats => new()
    {
        { "nebius-openhands", "F_nebius_openhands_rows.jsonl", "trajectory" },
        { "swe-gym", "F_swe_gym_rows.jsonl", "messages" },
        { "swe-smith", "B_swesmith_ft_xml_example_excerpt.jsonl", "messages" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void BadRows_AreQuarantinedWithPositionAndReason_TheOthersImported(string format, string file, string messages)
    {
        using var temp = new TempDirectory();
        var good = File.ReadLines(TestData.PathOf(file)).First();
        var row = JsonNode.Parse(good)!.AsObject();
        var unknown = Edit(row, r => r["surprise"] = 1);
        var wrongType = Edit(row, r => r[messages]![0]!["role"] = 3);
        var unknownRole = Edit(row, r => r[messages]![1]!["role"] = "developer");
        var orphan = Edit(row, r => r[messages]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["content"] = "x", ["tool_call_id"] = "nope" }));
        var otherVersion = Edit(row, r => r[messages] = r[messages]!.ToJsonString());
        var path = Path.Combine(temp.Path, "rows.jsonl");
        File.WriteAllLines(path, [good, good[..60], unknown, wrongType, unknownRole, orphan, otherVersion, good]);
        TrajectoryImporters.TryGet(format, out var importer).ShouldBeTrue();

        var results = ImportCheck.Run(importer, TestData.SourceAt(path));

        results.OfType<Imported>().Count().ShouldBe(2);
        var quarantined = results.OfType<Quarantined>().ToList();
        quarantined.Select(q => q.Position).ShouldBe(["line 2", "line 3, $.surprise", $"line 4, $.{messages}[0].role", $"line 5, $.{messages}[1].role",
            $"line 6, $.{messages}[{row[messages]!.AsArray().Count}].tool_call_id", "line 7"]);
        quarantined[0].Reason.ShouldContain("not valid JSON");
        quarantined[1].Reason.ShouldContain("unknown field 'surprise'");
        quarantined[2].Reason.ShouldBe("expected a string, found a number");
        quarantined[3].Reason.ShouldContain("unknown role 'developer'");
        quarantined[5].Reason.ShouldContain("mixed versions");
        quarantined.ShouldAllBe(q => q.File == "rows.jsonl");
    }

    [Fact]
    public void ContentParts_AndMessagesAsAJsonString_AreRead()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.jsonl");
        var messages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "You are " }, new JsonObject { ["type"] = "text", ["text"] = "helpful." }) },
            new JsonObject { ["role"] = "user", ["content"] = "Fix it." },
            new JsonObject { ["role"] = "assistant", ["content"] = "Done." });
        File.WriteAllText(path, new JsonObject { ["instance_id"] = "a__b-1", ["messages"] = messages.ToJsonString(), ["resolved"] = false }.ToJsonString() + "\n");

        var run = ImportCheck.Trajectories(new SweSmithImporter(), TestData.SourceAt(path)).ShouldHaveSingleItem();

        run.Prompt[0].Content.ShouldBe("You are helpful.");
        run.Steps.ShouldHaveSingleItem().Content.ShouldBe("Done.");
        run.SourceLabels!.ToJsonString().ShouldBe("""{"resolved":false}""");
    }

    private static string Edit(JsonObject row, Action<JsonObject> edit)
    {
        var copy = row.DeepClone().AsObject();
        edit(copy);
        return copy.ToJsonString();
    }
}
