namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>One task of a bench source: its id, repository and commit, and the digest of its row (its input).</summary>
internal sealed record BenchTask(string Source, string InstanceId, string Repo, string Commit, string RowDigest)
{
    /// <summary>The rollout unit of the task: one scaffold, one model, one seed, as the demo's reference rollouts.</summary>
    public string Rollout => $"{InstanceId}/bench/scripted/1";
}
