using System.CommandLine;
using System.Globalization;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>
/// <c>trajbuild images</c>: the container images TrajectoryBuild made (base, env and task layers), which of them the
/// manifest's built targets use, and <c>--gc</c> to remove the rest.
/// </summary>
internal static class ImagesCommand
{
    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr)
    {
        var common = new CommonOptions(pipeline);
        var gc = new Option<bool>("--gc") { Description = "Remove the trajbuild/* images that no built target of this manifest uses (their parents are kept)" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "With --gc: list what would be removed, remove nothing" };
        var command = new Command(
            "images",
            "List the images TrajectoryBuild made (trajbuild/base, trajbuild/env, trajbuild/task), marking those the manifest's built targets use; "
            + "--gc removes the others. Images other manifests on this machine use count as unused: try --dry-run first.")
        {
            gc,
            dryRun,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (_, manifest) =>
        {
            using var engine = DockerEngine.FromEnvironment();
            try
            {
                await engine.PingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DockerUnavailableException or EngineConfigurationException)
            {
                await stderr.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var build = new BuildEngine(pipeline, manifest, common.BuildOptionsFor(parse));
            var plan = await build.PlanAsync(cancellationToken).ConfigureAwait(false);
            var used = new List<string>();
            foreach (var target in plan.Targets.Where(t => t.Status is TargetStatus.Fresh or TargetStatus.Cached))
            {
                if (build.Cache.TryGetAction(target.Key!) is { } entry)
                {
                    used.AddRange(ImageReferences.In(target.TargetId, build.Cache.OutputsOf(entry)));
                }
            }

            var store = new ImageStore(engine);
            var images = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var kept = ImageStore.WithParents(used, images);
            var unused = images.Where(i => !kept.Contains(i.Name)).ToList();
            if (!parse.GetValue(gc))
            {
                foreach (var image in images)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(kept.Contains(image.Name) ? "used  " : "unused")}  {image.Name,-40}  {image.SizeBytes / (1024 * 1024),6} MB  {image.Created:yyyy-MM-dd HH:mm}"));
                }

                stdout.WriteLine($"{images.Count} images, {images.Count - unused.Count} used by this manifest's built targets, {unused.Count} unused (trajbuild images --gc removes them)");
                return ExitCodes.Success;
            }

            // Children first: a task image before the env image it was built on.
            var order = unused.OrderByDescending(i => i.Name.StartsWith("trajbuild/task:", StringComparison.Ordinal))
                .ThenByDescending(i => i.Name.StartsWith("trajbuild/env:", StringComparison.Ordinal))
                .ThenBy(i => i.Name, StringComparer.Ordinal);
            var removed = 0;
            var failed = 0;
            foreach (var image in order)
            {
                if (parse.GetValue(dryRun))
                {
                    stdout.WriteLine($"would remove {image.Name}");
                    continue;
                }

                if (await store.RemoveAsync(image.Name, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    failed++;
                    await stderr.WriteLineAsync($"kept {image.Name}: {refused}").ConfigureAwait(false);
                    continue;
                }

                removed++;
                stdout.WriteLine($"removed {image.Name}");
            }

            stdout.WriteLine(parse.GetValue(dryRun)
                ? $"{unused.Count} of {images.Count} images would be removed; {images.Count - unused.Count} are used"
                : $"{removed} images removed, {failed} kept by the engine, {images.Count - unused.Count} used");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
