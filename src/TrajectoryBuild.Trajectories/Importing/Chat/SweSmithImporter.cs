using System.Collections.Frozen;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Chat;

/// Rows of SWE-bench/SWE-smith-trajectories: SWE-agent runs as chat messages whose actions are XML-rendered text.
internal sealed class SweSmithImporter : ChatRowImporter
{
    private static readonly FrozenSet<string> s_fields = FrozenSet.Create(StringComparer.Ordinal, "messages", "instance_id", "resolved", "model", "traj_id", "patch");

    public override string Format => "swe-smith";

    public override int Version => 1;

    public override string Description => "SWE-bench/SWE-smith-trajectories rows (messages with XML-rendered actions, instance_id, resolved, model, traj_id, patch), JSON Lines or Parquet";

    protected override string DefaultScaffold => "swe-agent";

    protected override string MessagesField => "messages";

    protected override FrozenSet<string> Fields => s_fields;

    protected override Trajectory Complete(JsonElement record, ChatConversation conversation, ImportSource source, string position) => new()
    {
        InstanceId = JsonFields.OptionalString(record, "instance_id", "$"),
        Provenance = ProvenanceFor(source, position, model: JsonFields.OptionalString(record, "model", "$")),
        Prompt = conversation.Prompt,
        Steps = conversation.Steps,
        Patch = JsonFields.OptionalString(record, "patch", "$"),
        SourceLabels = Labels(record, "resolved"),
    };
}
