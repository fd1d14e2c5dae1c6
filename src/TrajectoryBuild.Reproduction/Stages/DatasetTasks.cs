using System.Text.Json.Nodes;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// The tasks of a dataset that stage 1 accepted, each with the environment that runs it: what every stage that runs a
/// task (Reproduce, Rollout, Evaluate) plans its targets from.
/// </summary>
internal static class DatasetTasks
{
    /// <summary>The accepted tasks of <paramref name="dataset"/>, or null while stage 1 has not produced them.</summary>
    public static IReadOnlyList<PlannedTask>? Accepted(PlanContext context, string dataset, JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(context);
        var accepted = context.OutputsOf(CloneStage.DatasetTarget(dataset));
        var mined = context.OutputsOf(MineStage.DatasetTarget(dataset));
        if (accepted is null || mined is null)
        {
            return null;
        }

        var environments = EnvironmentStage.Used(context.Manifest, definition)
            .Select(e => EnvironmentSpec.From(e, context.Manifest.Root["environments"]![e]!.AsObject()))
            .ToList();
        var tasks = new List<PlannedTask>();
        foreach (var entry in JsonNode.Parse(accepted.ReadAllText(CloneReport.AcceptedFile))!.AsArray())
        {
            var id = entry!["instance_id"]!.GetValue<string>();
            var taskFile = MineStage.TaskFile(id);
            var task = TaskRecord.FromJson((JsonObject)JsonNode.Parse(mined.ReadAllText(taskFile))!);
            var environment = environments.FirstOrDefault(e => task.Environment is null ? e.AppliesTo(task.Repo, task.Version) : e.Name == task.Environment);
            tasks.Add(new PlannedTask(dataset, task, taskFile, entry["checkout"]!.GetValue<string>(), environment?.ForTask(task.InstallConfig), environments));
        }

        return tasks;
    }
}

/// <summary>An accepted task of a dataset and what runs it (<see cref="Environment"/> is null when no environment applies).</summary>
internal sealed record PlannedTask(string Dataset, TaskRecord Task, string TaskFile, string CheckoutTarget, TaskEnvironment? Environment, IReadOnlyList<EnvironmentSpec> Candidates)
{
    public string InstanceId => Task.InstanceId;

    /// <summary>What a target that runs this task reads: its record, its checkout, its environment's image.</summary>
    public IReadOnlyList<UpstreamRef> RunUpstream() =>
    [
        new UpstreamRef(MineStage.DatasetTarget(Dataset), TaskFile),
        new UpstreamRef(CheckoutTarget, CheckoutRecord.FileName),
        new UpstreamRef(EnvironmentStage.Target(Environment!.Name), EnvironmentStage.ImageFile),
    ];
}
