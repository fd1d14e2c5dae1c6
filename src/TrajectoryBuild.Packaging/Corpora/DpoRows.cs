using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// TRL conversational preference pairs: <c>prompt</c> (the shared prompt messages), <c>chosen</c> (a resolved
/// trajectory's step messages), <c>rejected</c> (an unresolved one's), <c>tools</c>, drawn by a <see cref="PairingRule"/>.
/// LLaMA-Factory's ShareGPT preference shape holds one message per side, which a multi-turn trajectory does not fit.
/// </summary>
public static class DpoRows
{
    /// <summary>The pairs of <paramref name="records"/>, groups ordered by task id, then prompt.</summary>
    public static IReadOnlyList<JsonObject> Of(IEnumerable<PackageRecord> records, ActionRendering rendering, PairingRule rule)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(rule);
        var sides = records
            .Select(r => (Record: r, Prompt: Prompt(r, rendering), Steps: OpenAiMessages.Of(Conversation.Steps(r.Trajectory, r.Reward.Steps, rendering), weights: false)))
            .Where(s => s.Steps.Count > 0)
            .GroupBy(s => (s.Record.Provenance.TaskId, Key: CorpusJson.Compact(s.Prompt) + CorpusJson.Compact(OpenAiMessages.Tools(s.Record.Trajectory.Tools, rendering))))
            .OrderBy(g => g.Key.TaskId, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal);
        var rows = new List<JsonObject>();
        foreach (var group in sides)
        {
            var resolved = group.Where(s => s.Record.Resolved).OrderBy(s => s.Record.TrajectoryId, StringComparer.Ordinal).ToList();
            var unresolved = group.Where(s => !s.Record.Resolved).OrderBy(s => s.Record.TrajectoryId, StringComparer.Ordinal).ToList();
            var taken = 0;
            for (var p = 0; p < resolved.Count * unresolved.Count && taken < rule.MaxPairsPerTask; p++)
            {
                var chosen = resolved[p % resolved.Count];
                var rejected = unresolved[((p % resolved.Count) + (p / resolved.Count)) % unresolved.Count];
                if (CorpusJson.Compact(chosen.Steps) == CorpusJson.Compact(rejected.Steps))
                {
                    continue;
                }

                taken++;
                rows.Add(new JsonObject
                {
                    ["prompt"] = chosen.Prompt.DeepClone(),
                    ["chosen"] = chosen.Steps.DeepClone(),
                    ["rejected"] = rejected.Steps.DeepClone(),
                    ["tools"] = OpenAiMessages.Tools(chosen.Record.Trajectory.Tools, rendering),
                    ["provenance"] = new JsonObject
                    {
                        ["chosen"] = ProvenanceJson.Of(chosen.Record, rendering),
                        ["rejected"] = ProvenanceJson.Of(rejected.Record, rendering),
                        ["pairing_rule"] = rule.Describe(),
                    },
                });
            }
        }

        return rows;
    }

    private static JsonArray Prompt(PackageRecord record, ActionRendering rendering) =>
        OpenAiMessages.Of(Conversation.Prompt(record.Trajectory, rendering), weights: false);
}
