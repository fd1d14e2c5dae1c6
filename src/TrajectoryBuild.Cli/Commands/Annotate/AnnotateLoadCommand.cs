using System.CommandLine;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate load</c>: the build's slice (and gold items) into the store, in one transaction.</summary>
internal static class AnnotateLoadCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var slice = new Argument<string>("slice") { Description = "The slice the Verify stage wrote (slice.jsonl)" };
        var gold = new Option<string?>("--gold") { Description = "A label file of kind gold annotations: those items become control items, mixed into every annotator's queue", HelpName = "path" };
        var command = new Command("load", "Load a slice to annotate (items already loaded keep their labels)") { slice, gold };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (slicePath, goldPath) = (parse.GetValue(slice)!, parse.GetValue(gold));
            IReadOnlyList<SliceItem> items;
            IReadOnlyList<TrajectoryAnnotation> goldLabels;
            try
            {
                items = SliceFile.Read(slicePath);
                goldLabels = goldPath is null ? [] : LabelsJsonl.ReadFile(goldPath);
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
                    var result = await opened.LoadSliceAsync(items, goldLabels, goldPath ?? "", cancellationToken).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"loaded {slicePath} into {location.Describe()}: {result.Added} new items, {result.AlreadyLoaded} already loaded, {result.Gold} gold").ConfigureAwait(false);
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
}
