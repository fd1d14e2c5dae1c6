using System.Text.Json.Nodes;
using TrajectoryBuild.Agents;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Rollouts.External;

/// <summary>
/// Runs an external scaffold (OpenHands headless, SWE-agent <c>run</c>, Aider <c>--message</c>) as a command inside
/// the task container: the scaffold is installed by the manifest's <c>setup</c> lines (and <c>layer</c> folder) into
/// an image layer on top of the task image, built once and reused by name; the command runs in /testbed as the test
/// user; afterwards its native output folder and the repository's diff are collected into the raw output.
/// </summary>
internal static class ExternalScaffold
{
    public const string Repository = "trajbuild/scaffold";
    public const string ResultFolder = "result";
    public const string OutputFolder = "output";
    public const string PatchFile = "patch.diff";
    private const string Inbox = "/trajbuild/in";
    // Under /tmp: the command runs as the unprivileged test user, who cannot create folders at the root.
    private const string Result = "/tmp/trajbuild/result";

    public static async Task<AgentOutcome> RunAsync(TargetContext context, PreparedTask task, RolloutInputs inputs, string raw, CancellationToken cancellationToken)
    {
        var engine = task.Engine ?? throw new InvalidOperationException(
            $"scaffold '{inputs.Scaffold.Name}' is external ({inputs.Scaffold.Kind}): it runs inside the task container and needs Docker, but this environment uses the local executor; start a Docker Engine or roll out with the reference agent");
        var environment = inputs.Task.Environment!;
        var layer = Layer(task.Executor.Image!, inputs, context.Target.Inputs.GetValueOrDefault("layer"), environment.Limits);
        var layers = new ImageLayers(engine, Path.Combine(context.StateDirectory, "images"));
        try
        {
            await layers.EnsureAsync(layer, context.ReportProgress, context.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageLayerException exception)
        {
            throw new InvalidOperationException($"installing scaffold '{inputs.Scaffold.Name}' failed: {exception.Message}; last lines:\n{exception.Tail}", exception);
        }

        var inbox = Directory.CreateTempSubdirectory("trajbuild-scaffold-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(inbox.FullName, "problem.md"), inputs.Task.Task.ProblemStatement, cancellationToken).ConfigureAwait(false);
            var timeout = inputs.Scaffold.Limits.WallSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : environment.Timeout;
            var spec = new ContainerSpec(layer.ImageName, ["bash", "-c", Script(inputs)])
            {
                User = TaskImages.TestUser,
                WorkingDirectory = TaskImages.Testbed,
                CopyIn = [new ContainerCopy(inbox.FullName, Inbox)],
                CopyOut = [new ContainerCopy(raw, Result)],
                Limits = environment.Limits,
                Timeout = timeout,
                HostNetwork = inputs.Scaffold.Network == "host",
                OutputLimitBytes = 4 * 1024 * 1024,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp", ["PYTHONDONTWRITEBYTECODE"] = "1", ["TRAJBUILD_SEED"] = inputs.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            var result = await new ContainerRunner(engine).RunAsync(spec, cancellationToken).ConfigureAwait(false);
            await context.Log.WriteLineAsync($"--- {inputs.Scaffold.Name}: exit {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}{(result.OomKilled ? ", out of memory" : "")}{(result.DiskLimitExceeded ? ", stopped at the disk limit" : "")}").ConfigureAwait(false);
            await context.Log.WriteAsync(result.Stdout + result.Stderr).ConfigureAwait(false);
            var status = result.DiskLimitExceeded ? "disk_limit" : result.TimedOut ? "wall_limit" : result.OomKilled ? "out_of_memory" : result.ExitCode == 0 ? "completed" : $"exit_{result.ExitCode}";
            var patchPath = Path.Combine(raw, ResultFolder, PatchFile);
            var patch = File.Exists(patchPath) ? await File.ReadAllTextAsync(patchPath, cancellationToken).ConfigureAwait(false) : null;
            return new AgentOutcome(status, patch, 0, Usage.Unknown);
        }
        finally
        {
            inbox.Delete(recursive: true);
        }
    }

    private static LayerSpec Layer(string taskImage, RolloutInputs inputs, string? layerDigest, ContainerLimits limits)
    {
        var tag = Digest.Of(CanonicalJson.SerializeToUtf8(new JsonObject
        {
            ["layer"] = "scaffold",
            ["parent"] = taskImage,
            ["setup"] = new JsonArray([.. inputs.Scaffold.Setup.Select(l => (JsonNode?)JsonValue.Create(l))]),
            ["layer_folder"] = layerDigest,
        }))[..16];
        var script = "set -ex\n" + string.Concat(inputs.Scaffold.Setup.Select(l => l + "\n"));
        return new LayerSpec(taskImage, Repository, tag, script)
        {
            CopyIn = inputs.LayerFolder is null ? [] : [new ContainerCopy(inputs.LayerFolder, "/opt/scaffold")],
            WorkingDirectory = TaskImages.Testbed,
            Limits = limits,
            Labels = new Dictionary<string, string> { ["trajbuild.layer"] = "scaffold", ["trajbuild.parent"] = taskImage },
        };
    }

    /// <summary>The container script: run the command with its placeholders filled, then collect the diff, whatever the exit.</summary>
    internal static string Script(RolloutInputs inputs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{instance_id}"] = inputs.Task.InstanceId,
            ["{problem_file}"] = $"{Inbox}/problem.md",
            ["{output_dir}"] = $"{Result}/{OutputFolder}",
            ["{model}"] = inputs.Model.Model,
            ["{endpoint}"] = inputs.Model.Endpoint?.ToString() ?? "",
            ["{seed}"] = inputs.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var command = values.Aggregate(inputs.Scaffold.Command!, (text, pair) => text.Replace(pair.Key, TestScript.Quote(pair.Value), StringComparison.Ordinal));
        return $"mkdir -p {Result}/{OutputFolder}\n"
            + $"cd {TaskImages.Testbed}\n"
            + $"( {command} )\n"
            + "status=$?\n"
            // The reference agent's diff: working tree against the base commit through a throwaway index.
            + $"cd {TaskImages.Testbed} && ( {SandboxCommands.Diff} ) > {Result}/{PatchFile}\n"
            + "exit $status\n";
    }
}
