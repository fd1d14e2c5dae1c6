using System.CommandLine;
using TrajectoryBuild.Verification.Labels.Formats;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate export</c>: every label in the store, as a label file.</summary>
internal static class AnnotateExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var format = LabelFormatOption.Create("--format", "jsonl (our label file, what the build reads), label-studio (tasks, one per turn, with annotations) or argilla (records with responses)", "-f");
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of stdout", HelpName = "path" };
        var command = new Command("export", "Export annotators' labels (drafts marked unsubmitted), adjudications and gold references") { format, output };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) => await store.WithStoreAsync(parse, stderr, async (opened, _) =>
        {
            var annotations = await opened.ExportAsync(cancellationToken).ConfigureAwait(false);
            var chosen = parse.GetValue(format)!;
            var items = new List<AnnotationItem>();
            if (chosen != LabelFiles.Jsonl)
            {
                foreach (var item in (await opened.ItemsAsync(cancellationToken).ConfigureAwait(false)).Where(i => !i.IsGold))
                {
                    items.Add(new AnnotationItem(item.TrajectoryId, (await opened.TrajectoryAsync(item.Id, cancellationToken).ConfigureAwait(false))!));
                }
            }

            await LabelFormatOption.WriteAsync(chosen, parse.GetValue(output), items, annotations, [], stdout, stderr, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken).ConfigureAwait(false));
        return command;
    }
}
