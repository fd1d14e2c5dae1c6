using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Rollouts.External;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rollouts.Capture;

internal sealed partial class CaptureStage
{
    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = (CaptureInputs)context.Target.Locals!;
        var importer = Importer(inputs.Scaffold);
        var entries = new JsonArray();
        var quarantined = new JsonArray();
        var index = 0;
        if (inputs.RolloutTarget is null)
        {
            var source = new ImportSource(inputs.File!, inputs.RelativeFile!, context.Target.Inputs["file"])
            {
                Scaffold = inputs.Scaffold.Name,
                ScaffoldVersion = inputs.Scaffold.Version,
                Model = inputs.Scaffold.ImportModel,
            };
            foreach (var result in importer.Import(source, cancellationToken))
            {
                index = await RecordAsync(context, inputs, result, null, index, entries, quarantined, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var raw = Directory.CreateTempSubdirectory("trajbuild-capture-");
            try
            {
                await context.Upstream(inputs.RolloutTarget).MaterializeAsync(raw.FullName, cancellationToken).ConfigureAwait(false);
                var diffPath = Path.Combine(raw.FullName, RolloutStage.RawFolder, ExternalScaffold.ResultFolder, ExternalScaffold.PatchFile);
                var diff = File.Exists(diffPath) ? await File.ReadAllTextAsync(diffPath, cancellationToken).ConfigureAwait(false) : null;
                var files = RawFiles(raw.FullName, importer).ToList();
                if (files.Count == 0)
                {
                    quarantined.Add(Quarantine(new Quarantined($"{inputs.RolloutTarget}/{RolloutStage.RawFolder}", "file", $"the scaffold wrote no file the '{importer.Format}' importer reads; check the scaffold's command and output_format")));
                }

                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(raw.FullName, file).Replace('\\', '/');
                    var source = new ImportSource(file, $"{inputs.RolloutTarget}/{relative}", Digest.OfFile(file, cancellationToken)) { Scaffold = inputs.Scaffold.Kind, ScaffoldVersion = inputs.Scaffold.Version, Model = inputs.Model!.Model };
                    foreach (var result in importer.Import(source, cancellationToken))
                    {
                        index = await RecordAsync(context, inputs, result, diff, index, entries, quarantined, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                raw.Delete(recursive: true);
            }
        }

        var record = new JsonObject { ["scaffold"] = inputs.Scaffold.Name, ["model"] = inputs.Model?.Name, ["trajectories"] = entries, ["quarantined"] = quarantined };
        await context.WriteOutputAsync(RecordFile, CanonicalJson.Serialize(record) + "\n", cancellationToken).ConfigureAwait(false);
        await context.Log.WriteLineAsync($"captured {entries.Count} trajectories, {quarantined.Count} records quarantined").ConfigureAwait(false);
    }

    /// <summary>The raw files of a rollout the importer reads, in name order (the reference agent's file, or an external scaffold's output).</summary>
    private static IEnumerable<string> RawFiles(string folder, ITrajectoryImporter importer) =>
        !Directory.Exists(Path.Combine(folder, RolloutStage.RawFolder)) ? [] : Directory.EnumerateFiles(Path.Combine(folder, RolloutStage.RawFolder), "*", SearchOption.AllDirectories)
            .Where(f => importer.Accepts(Path.GetFileName(f)) && Path.GetFileName(f) != ExternalScaffold.PatchFile)
            .Order(StringComparer.Ordinal);

    private static async Task<int> RecordAsync(
        TargetContext context, CaptureInputs inputs, ImportResult result, string? diff, int index, JsonArray entries, JsonArray quarantined, CancellationToken cancellationToken)
    {
        if (result is Quarantined bad)
        {
            quarantined.Add(Quarantine(bad));
            await context.Log.WriteLineAsync($"quarantined: {bad}").ConfigureAwait(false);
            return index;
        }

        var trajectory = Complete(((Imported)result).Trajectory, inputs, diff, index);
        var file = $"{TrajectoryFolder}/{index:D5}.json";
        await context.WriteOutputAsync(file, System.Text.Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(trajectory)) + "\n", cancellationToken).ConfigureAwait(false);
        var entry = Entry(trajectory, inputs, file);
        if (!AgentPatch.IsEmpty(trajectory.Patch))
        {
            // Its own file: Evaluate plans from the patches alone, without reading whole trajectories.
            var patchFile = $"{PatchFolder}/{index:D5}.diff";
            await context.WriteOutputAsync(patchFile, trajectory.Patch!, cancellationToken).ConfigureAwait(false);
            entry["patch_file"] = patchFile;
        }

        entries.Add(entry);
        return index + 1;
    }

    /// <summary>Fills what the rollout knows and the file may not: id, task, model, seed, and an external scaffold's diff.</summary>
    private static Trajectory Complete(Trajectory trajectory, CaptureInputs inputs, string? diff, int index)
    {
        if (inputs.RolloutTarget is not null)
        {
            var unit = inputs.RolloutTarget[(RolloutStage.StageName.Length + 1)..];
            return trajectory with
            {
                Id = index == 0 ? unit : $"{unit}/{index}",
                InstanceId = trajectory.InstanceId ?? inputs.InstanceId,
                Patch = trajectory.Patch ?? diff,
                Provenance = trajectory.Provenance with
                {
                    Model = trajectory.Provenance.Model ?? inputs.Model!.Model,
                    ModelParams = trajectory.Provenance.ModelParams ?? (JsonObject)inputs.Model!.Params.DeepClone(),
                    Seed = trajectory.Provenance.Seed ?? inputs.Seed,
                },
            };
        }

        return ImportedIds.Assign(trajectory, inputs.Scaffold.Name);
    }

    private static JsonObject Entry(Trajectory trajectory, CaptureInputs inputs, string file)
    {
        var usage = trajectory.Usage ?? trajectory.Steps.Aggregate(Usage.Unknown, (sum, step) => sum.Add(step.Usage));
        return new JsonObject
        {
            ["id"] = trajectory.Id,
            ["instance_id"] = trajectory.InstanceId,
            ["file"] = file,
            ["scaffold"] = inputs.Scaffold.Name,
            ["model"] = inputs.Model?.Name ?? trajectory.Provenance.Model,
            ["seed"] = trajectory.Provenance.Seed,
            ["attempt"] = trajectory.Attempt?.Index,
            ["abandoned"] = trajectory.Attempt is { Chosen: false },
            ["steps"] = trajectory.Steps.Count,
            ["exit_status"] = trajectory.ExitStatus,
            ["empty_patch"] = AgentPatch.IsEmpty(trajectory.Patch),
            ["patch_sha256"] = AgentPatch.DigestOf(trajectory.Patch),
            ["prompt_tokens"] = usage.PromptTokens,
            ["completion_tokens"] = usage.CompletionTokens,
            ["total_tokens"] = usage.TotalTokens,
            ["cost_usd"] = usage.CostUsd,
        };
    }

    private static JsonObject Quarantine(Quarantined bad) => new() { ["file"] = bad.File, ["position"] = bad.Position, ["reason"] = bad.Reason };
}
