using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>The per-record provenance object every row carries under <c>provenance</c>.</summary>
internal static class ProvenanceJson
{
    public static JsonObject Of(PackageRecord record, ActionRendering rendering)
    {
        var p = record.Provenance;
        return new JsonObject
        {
            ["trajectory_id"] = record.TrajectoryId,
            ["task_id"] = p.TaskId,
            ["repo"] = p.Repo,
            ["commit"] = p.Commit,
            ["image_digest"] = p.ImageDigest,
            ["verifier_digest"] = p.VerifierDigest,
            ["trajectory_digest"] = p.TrajectoryDigest,
            ["scaffold"] = p.Scaffold,
            ["model"] = p.Model,
            ["action_rendering"] = CorpusNames.Name(rendering),
        };
    }
}
