using System.CommandLine;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate export</c>: every label in the store, as a label file.</summary>
internal static class AnnotateExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var format = new Option<string>("--format", "-f") { Description = "jsonl (our label file), label-studio or argilla", DefaultValueFactory = _ => "jsonl", HelpName = "format" };
        format.AcceptOnlyFromAmong("jsonl", "label-studio", "argilla");
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of stdout", HelpName = "path" };
        var command = new Command("export", "Export annotators' labels (drafts marked unsubmitted), adjudications and gold references") { format, output };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(format)!;
            if (chosen != "jsonl")
            {
                // TODO(lead): wire TrajectoryBuild.Verification.Labels.Formats.LabelStudioFormat / ArgillaFormat here once merged.
                await stderr.WriteLineAsync($"error: --format {chosen} is not available yet (it needs the Label Studio / Argilla converters of TrajectoryBuild.Verification); export jsonl").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            return await store.WithStoreAsync(parse, stderr, async (opened, _) =>
            {
                var annotations = await opened.ExportAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(output) is { } path)
                {
                    LabelsJsonl.WriteFile(path, annotations);
                    await stderr.WriteLineAsync($"{annotations.Count} annotations written to {path}").ConfigureAwait(false);
                }
                else
                {
                    using var buffer = new MemoryStream();
                    LabelsJsonl.Write(buffer, annotations);
                    await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
