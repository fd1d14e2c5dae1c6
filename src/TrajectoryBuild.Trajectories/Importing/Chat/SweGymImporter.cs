using System.Collections.Frozen;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// Rows of SWE-Gym/OpenHands-Sampled-Trajectories: OpenHands runs as OpenAI chat messages, with the harness result.
internal sealed class SweGymImporter : ChatRowImporter
{
    private static readonly FrozenSet<string> s_fields = FrozenSet.Create(StringComparer.Ordinal, "instance_id", "messages", "tools", "resolved", "test_result");

    private static readonly FrozenSet<string> s_testResultFields = FrozenSet.Create(StringComparer.Ordinal, "git_patch", "report");

    public override string Format => "swe-gym";

    public override int Version => 1;

    public override string Description => "SWE-Gym/OpenHands-Sampled-Trajectories rows (messages, tools, resolved, test_result), JSON Lines or Parquet";

    protected override string DefaultScaffold => "openhands";

    protected override string MessagesField => "messages";

    protected override FrozenSet<string> Fields => s_fields;

    protected override Trajectory Complete(JsonElement record, ChatConversation conversation, ImportSource source, string position)
    {
        string? patch = null;
        var labels = Labels(record, "resolved");
        if (record.TryGetProperty("test_result", out var testResult) && testResult.ValueKind != JsonValueKind.Null)
        {
            JsonFields.RejectUnknown(testResult, "$.test_result", s_testResultFields);
            patch = JsonFields.OptionalString(testResult, "git_patch", "$.test_result");
            if (testResult.TryGetProperty("report", out var report) && report.ValueKind != JsonValueKind.Null)
            {
                labels ??= [];
                labels["report"] = JsonFields.ToNode(report);
            }
        }

        return new Trajectory
        {
            InstanceId = JsonFields.OptionalString(record, "instance_id", "$"),
            Provenance = ProvenanceFor(source, position),
            Tools = Tools(record),
            Prompt = conversation.Prompt,
            Steps = conversation.Steps,
            Patch = patch,
            SourceLabels = labels,
        };
    }
}
