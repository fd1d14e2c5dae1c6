using System.CommandLine;
using TrajectoryBuild.Verification.Labels;
using TrajectoryBuild.Verification.Labels.Formats;
using TrajectoryBuild.Verification.Sampling;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary>
/// <c>trajbuild annotate convert</c>: labels between our JSONL, Label Studio and Argilla, with no store: for teams that
/// annotate in another tool. A slice becomes tasks or records to annotate; the tool's export comes back as the build's
/// label file.
/// </summary>
internal static class AnnotateConvertCommand
{
    private const string Slice = "slice";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "The file to convert" };
        var from = new Option<string>("--from") { Description = "What the input is: slice (the Verify stage's slice.jsonl), jsonl, label-studio (a JSON export) or argilla (records)", Required = true, HelpName = "format" };
        from.AcceptOnlyFromAmong([Slice, .. LabelFiles.Formats]);
        var to = LabelFormatOption.Create("--to", "What to write: jsonl (the build's label file), label-studio (tasks to import) or argilla (records to log)");
        var labels = new Option<string?>("--labels") { Description = "With --from slice: our JSONL labels to pre-fill the tasks or records with", HelpName = "path" };
        var users = new Option<string?>("--users") { Description = "With --from argilla: a JSON map of Argilla user id to annotator name [default: INPUT.users.json when it exists, as export writes it]", HelpName = "path" };
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of stdout (Label Studio's labeling config or Argilla's settings go beside it)", HelpName = "path" };
        var command = new Command("convert", "Convert labels between jsonl, label-studio and argilla, or a slice into tasks to annotate in those tools")
        {
            input, from, to, labels, users, output,
        };
        command.WithExamples(
            "trajbuild annotate convert slice.jsonl --from slice --to label-studio -o tasks.json   tasks to import into Label Studio",
            "trajbuild annotate convert export.json --from label-studio -o labels.jsonl          its export, for verification.human.labels",
            "trajbuild annotate convert records.json --from argilla --users users.json -o labels.jsonl");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (source, target) = (parse.GetValue(from)!, parse.GetValue(to)!);
            IReadOnlyList<AnnotationItem> items = [];
            IReadOnlyList<GatePrediction> predictions = [];
            IReadOnlyList<TrajectoryAnnotation> annotations;
            try
            {
                if (source == Slice)
                {
                    if (target == LabelFiles.Jsonl)
                    {
                        await stderr.WriteLineAsync("error: a slice holds no labels to write as jsonl; give --to label-studio or --to argilla").ConfigureAwait(false);
                        return ExitCodes.Usage;
                    }

                    var sliced = SliceFile.Read(parse.GetValue(input)!);
                    items = [.. sliced.Select(i => new AnnotationItem(i.TrajectoryId, i.Trajectory))];
                    predictions = [.. sliced.SelectMany(i => i.GateTurns.Select((scores, turn) => new GatePrediction(i.TrajectoryId, turn, scores, i.GateScore ?? 0, i.GateVerifier ?? "gate")))];
                    annotations = parse.GetValue(labels) is { } labelsPath ? LabelsJsonl.ReadFile(labelsPath) : [];
                }
                else
                {
                    if (target != LabelFiles.Jsonl)
                    {
                        await stderr.WriteLineAsync($"error: a {source} file holds labels, not trajectories; convert it --to jsonl, and make tasks from the slice (--from slice)").ConfigureAwait(false);
                        return ExitCodes.Usage;
                    }

                    var path = parse.GetValue(input)!;
                    var usersPath = parse.GetValue(users) ?? (File.Exists(LabelFormatOption.UsersFile(path)) ? LabelFormatOption.UsersFile(path) : null);
                    if (source == LabelFiles.Argilla && usersPath is not null)
                    {
                        await using var stream = File.OpenRead(path);
                        annotations = ArgillaFormat.ReadRecords(stream, path, LabelFormatOption.ReadUsers(usersPath));
                    }
                    else
                    {
                        annotations = LabelFiles.Read(source, path);
                    }
                }

                await LabelFormatOption.WriteAsync(target, parse.GetValue(output), items, annotations, predictions, stdout, stderr, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is LabelFileException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
