using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Importing.OpenHands;

namespace TrajectoryBuild.Trajectories.Tests.Importing.OpenHands;

public sealed class OpenHandsQuarantineTests
{
    [Fact]
    public void V0Rows_BadRowsQuarantined_TheOthersImported()
    {
        using var temp = new TempDirectory();
        var good = File.ReadLines(TestData.PathOf("F_openhands_output.jsonl")).First();
        var row = JsonNode.Parse(good)!.AsObject();
        var v1 = JsonNode.Parse(File.ReadAllText(TestData.PathOf("F_openhands_v1_events.json")))!;
        var path = Path.Combine(temp.Path, "output.jsonl");
        File.WriteAllLines(path,
        [
            good,
            good[..200],
            Edit(row, r => r["surprise"] = true),
            Edit(row, r => r["history"]![4]!["source"] = "robot"),
            Edit(row, r => r["history"]![4]!["tool_call_metadata"]!["function_name"] = 7),
            Edit(row, r => r["history"]![5]!["action"] = "run"),
            Edit(row, r => r["history"] = v1.DeepClone()),
            good,
        ]);

        var results = ImportCheck.Run(new OpenHandsImporter(), TestData.SourceAt(path));

        results.OfType<Imported>().Count().ShouldBe(2);
        var quarantined = results.OfType<Quarantined>().ToList();
        quarantined.Select(q => q.Position).ShouldBe(["line 2", "line 3, $.surprise", "line 4, $.history[4].source", "line 5, $.history[4].tool_call_metadata.function_name",
            "line 6, $.history[5]", "line 7"]);
        quarantined[2].Reason.ShouldContain("unknown source 'robot'");
        quarantined[3].Reason.ShouldBe("expected a string, found a number");
        quarantined[4].Reason.ShouldContain("exactly one of 'action' or 'observation'");
        quarantined[5].Reason.ShouldContain("mixed versions");
    }

    [Fact]
    public void V1Lines_UnknownKindsFieldsOrphansAndV0Quarantined()
    {
        using var temp = new TempDirectory();
        var events = JsonNode.Parse(File.ReadAllText(TestData.PathOf("F_openhands_v1_events.json")))!.AsArray();
        var v0 = JsonNode.Parse(File.ReadAllText(TestData.PathOf("B_openhands_trajectory_basic_interactions.json")))!;
        var path = Path.Combine(temp.Path, "events.jsonl");
        File.WriteAllLines(path,
        [
            events.ToJsonString(),
            Edit(events, e => e[3]!["kind"] = "TeleportEvent"),
            Edit(events, e => e[5]!["surprise"] = 1),
            Edit(events, e => e[5]!["tool_call_id"] = "call_zzz"),
            Edit(events, e => e[3]!["tool_call"]!["name"] = JsonValue.Create(false)),
            v0.ToJsonString(),
            "[{\"kind\": \"MessageEvent\"",
        ]);

        var results = ImportCheck.Run(new OpenHandsV1Importer(), TestData.SourceAt(path));

        results.OfType<Imported>().Count().ShouldBe(1);
        var quarantined = results.OfType<Quarantined>().ToList();
        quarantined.Select(q => q.Position).ShouldBe(["line 2, $[3].kind", "line 3, $[5].surprise", "line 4, $[5].tool_call_id", "line 5, $[3].tool_call.name", "line 6", "line 7"]);
        quarantined[0].Reason.ShouldContain("unknown event kind 'TeleportEvent'");
        quarantined[2].Reason.ShouldContain("answers no earlier ActionEvent");
        quarantined[4].Reason.ShouldContain("mixed versions");
        quarantined[5].Reason.ShouldContain("not valid JSON");
    }

    private static string Edit(JsonNode node, Action<JsonNode> edit)
    {
        var copy = node.DeepClone();
        edit(copy);
        return copy.ToJsonString();
    }
}
