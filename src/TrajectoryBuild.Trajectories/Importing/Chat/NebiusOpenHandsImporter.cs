using System.Collections.Frozen;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// Rows of nebius/SWE-rebench-openhands-trajectories: OpenHands (function calling) runs as OpenAI chat messages.
internal sealed class NebiusOpenHandsImporter : ChatRowImporter
{
    private static readonly FrozenSet<string> s_fields = FrozenSet.Create(StringComparer.Ordinal,
        "trajectory_id", "instance_id", "repo", "trajectory", "tools", "model_patch", "exit_status", "resolved", "gen_tests_correct", "pred_passes_gen_tests");

    public override string Format => "nebius-openhands";

    public override int Version => 1;

    public override string Description => "nebius/SWE-rebench-openhands-trajectories rows (trajectory = OpenAI chat messages with tool_calls), JSON Lines or Parquet";

    protected override string DefaultScaffold => "openhands";

    protected override string MessagesField => "trajectory";

    protected override FrozenSet<string> Fields => s_fields;

    protected override Trajectory Complete(JsonElement record, ChatConversation conversation, ImportSource source, string position) => new()
    {
        InstanceId = JsonFields.OptionalString(record, "instance_id", "$"),
        Provenance = ProvenanceFor(source, position),
        Tools = Tools(record),
        Prompt = conversation.Prompt,
        Steps = conversation.Steps,
        Patch = JsonFields.OptionalString(record, "model_patch", "$"),
        ExitStatus = JsonFields.OptionalString(record, "exit_status", "$"),
        SourceLabels = Labels(record, "resolved", "gen_tests_correct", "pred_passes_gen_tests"),
    };
}
