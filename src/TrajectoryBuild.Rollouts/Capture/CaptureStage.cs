using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Matrix;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Rollouts.Capture;

/// <summary>
/// Stage 4: normalizes what scaffolds wrote into the trajectory schema and checks each patch. One target per Rollout
/// target (keyed by its raw output and the importer's version), and one per recorded file of an import scaffold (keyed by
/// the file's digest and the importer's version). A record that cannot be read is quarantined with file, position and
/// reason; the rest of the file is still captured.
/// </summary>
internal sealed partial class CaptureStage : IStage
{
    public const string StageName = "Capture";
    public const string RecordFile = "capture.json";
    public const string TrajectoryFolder = "trajectories";
    public const string PatchFolder = "patches";

    public string Name => StageName;

    public int Version => 2;

    public StageRole Role => StageRole.Produce;

    public static string ImportUnit(string scaffold, string relativeFile) => $"import/{scaffold}/{relativeFile}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (dataset, definition) in ManifestView.Datasets(context.Manifest))
        {
            var matrix = RolloutMatrix.Of(context.Manifest, definition);
            foreach (var scaffold in matrix.Imports)
            {
                foreach (var target in ImportTargets(context.Manifest, scaffold).Where(t => planned.Add(t.Unit)))
                {
                    plan.Add(target);
                }
            }

            if (!matrix.Running.Any() || matrix.Models.Count == 0)
            {
                continue;
            }

            if (RolloutStage.Validated(context, dataset, definition) is not { } tasks)
            {
                plan.Defer(Name, $"one target per rollout of dataset {dataset}", ReproduceStage.DatasetTarget(dataset));
                continue;
            }

            foreach (var (task, scaffold, model, seed) in matrix.Cells(tasks).Where(c => planned.Add(RolloutStage.Unit(c.Task.InstanceId, c.Scaffold.Name, c.Model.Name, c.Seed))))
            {
                var unit = RolloutStage.Unit(task.InstanceId, scaffold.Name, model.Name, seed);
                plan.Add(new TargetSpec(Name, unit)
                {
                    Params = ImporterParams(scaffold),
                    Upstream = [new UpstreamRef($"{RolloutStage.StageName}/{unit}")],
                    WorkUnit = task.InstanceId,
                    Locals = new CaptureInputs(scaffold) { RolloutTarget = $"{RolloutStage.StageName}/{unit}", InstanceId = task.InstanceId, Model = model, Seed = seed },
                });
            }
        }

        return plan;
    }

    /// <summary>The Capture targets of an import scaffold: one per file its importer takes under the path, in name order.</summary>
    public IEnumerable<TargetSpec> ImportTargets(ManifestDocument manifest, ScaffoldSpec scaffold)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(scaffold);
        var importer = Importer(scaffold);
        var root = ManifestView.Resolve(manifest, scaffold.ImportPath!);
        var files = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => importer.Accepts(Path.GetFileName(f)))
            : File.Exists(root) ? [root] : throw new StagePlanException($"scaffold '{scaffold.Name}' imports from '{scaffold.ImportPath}', which does not exist (resolved to {root}): fix import.path in {Path.GetFileName(manifest.Path)}");
        foreach (var file in files.Select(f => Path.GetRelativePath(manifest.BaseDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            var full = ManifestView.Resolve(manifest, file);
            var parameters = ImporterParams(scaffold);
            parameters["scaffold_version"] = scaffold.Version;
            parameters["model"] = scaffold.ImportModel;
            yield return new TargetSpec(Name, ImportUnit(scaffold.Name, file))
            {
                Params = parameters,
                Inputs = new Dictionary<string, string> { ["file"] = FileDigests.Of(full) },
                Locals = new CaptureInputs(scaffold) { File = full, RelativeFile = file },
            };
        }
    }

    public static ITrajectoryImporter Importer(ScaffoldSpec scaffold)
    {
        ArgumentNullException.ThrowIfNull(scaffold);
        return TrajectoryImporters.TryGet(scaffold.Format, out var importer)
            ? importer
            : throw new StagePlanException($"scaffold '{scaffold.Name}' needs importer '{scaffold.Format}', which does not exist; known: {string.Join(", ", TrajectoryImporters.All.Select(i => i.Format))}");
    }

    private static JsonObject ImporterParams(ScaffoldSpec scaffold)
    {
        var importer = Importer(scaffold);
        return new JsonObject { ["importer"] = importer.Format, ["importer_version"] = importer.Version, ["scaffold"] = scaffold.Name };
    }
}
