using System.CommandLine;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Scheduling;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary>
/// <c>trajbuild annotate load</c>: a slice (and gold items) into the store, in one transaction: a slice file, or, with
/// no file, every dataset's slice from the last build (the <c>Verify/dataset/&lt;name&gt;</c> targets).
/// </summary>
internal static class AnnotateLoadCommand
{
    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var common = new CommonOptions(pipeline);
        var slice = new Argument<string?>("slice") { Description = "A slice file the Verify stage wrote; without it, every dataset's slice from the last build of --manifest", Arity = ArgumentArity.ZeroOrOne };
        var gold = new Option<string?>("--gold") { Description = "A label file of kind gold annotations: those items become control items, mixed into every annotator's queue", HelpName = "path" };
        var command = new Command("load", "Load a slice to annotate (items already loaded keep their labels)") { slice, gold };
        store.AddTo(command);
        command.Options.Add(common.Manifest);
        command.Options.Add(common.StateDir);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (slicePath, goldPath) = (parse.GetValue(slice), parse.GetValue(gold));
            var slices = new List<(string Source, IReadOnlyList<SliceItem> Items)>();
            IReadOnlyList<TrajectoryAnnotation> goldLabels;
            try
            {
                goldLabels = goldPath is null ? [] : LabelsJsonl.ReadFile(goldPath);
                if (slicePath is not null)
                {
                    slices.Add((slicePath, SliceFile.Read(slicePath)));
                }
                else if (!await BuiltSlicesAsync(pipeline, common, parse, slices, stderr, cancellationToken).ConfigureAwait(false))
                {
                    return ExitCodes.Failure;
                }
            }
            catch (Exception e) when (e is LabelFileException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return await store.WithStoreAsync(parse, stderr, async (opened, location) =>
            {
                try
                {
                    foreach (var (source, items) in slices)
                    {
                        var result = await opened.LoadSliceAsync(items, goldLabels, goldPath ?? "", cancellationToken).ConfigureAwait(false);
                        await stdout.WriteLineAsync($"loaded {source} into {location.Describe()}: {result.Added} new items, {result.AlreadyLoaded} already loaded, {result.Gold} gold").ConfigureAwait(false);
                    }

                    return ExitCodes.Success;
                }
                catch (LabelFileException e)
                {
                    await stderr.WriteLineAsync($"error: {e.Message} (nothing was loaded)").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // Every dataset's slice from the cache: the build's own output, so what is loaded is exactly what was drawn.
    private static async Task<bool> BuiltSlicesAsync(
        TrajectoryBuild.Stages.Pipeline pipeline, CommonOptions common, ParseResult parse, List<(string, IReadOnlyList<SliceItem>)> slices, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (CommonOptions.LoadManifest(parse.GetValue(common.Manifest)!, stderr) is not { } manifest)
        {
            return false;
        }

        var engine = new BuildEngine(pipeline, manifest, common.BuildOptionsFor(parse));
        foreach (var (dataset, _) in ManifestView.Datasets(manifest))
        {
            var target = VerifyStage.DatasetTarget(dataset);
            if (await BuiltTarget.OutputsAsync(engine, target, stderr, cancellationToken).ConfigureAwait(false) is not { } outputs)
            {
                return false;
            }

            var source = $"{target}/{VerifyStage.SliceFileName}";
            using var stream = outputs.OpenRead(VerifyStage.SliceFileName);
            slices.Add((source, SliceFile.Read(stream, source)));
        }

        return true;
    }
}
