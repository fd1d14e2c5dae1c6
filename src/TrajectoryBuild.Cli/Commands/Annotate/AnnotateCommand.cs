using System.CommandLine;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary>
/// <c>trajbuild annotate</c>: the annotation server (stage 5's human labels) and the admin commands over the same store:
/// serve, users, load, export, status, convert.
/// </summary>
internal static class AnnotateCommand
{
    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr) => new Command(
        "annotate",
        "Human labels for stage 5: run the annotation server (annotators score each turn of the sampled slice on five axes), "
        + "manage its accounts, load a slice, follow progress and agreement, export the labels, convert labels made in Label Studio or Argilla")
    {
        AnnotateServeCommand.Create(stdout, stderr),
        AnnotateUsersCommand.Create(stdout, stderr),
        AnnotateLoadCommand.Create(pipeline, stdout, stderr),
        AnnotateExportCommand.Create(stdout, stderr),
        AnnotateStatusCommand.Create(stdout, stderr),
        AnnotateConvertCommand.Create(stdout, stderr),
    }.WithExamples(
        "trajbuild annotate users add alice --role admin       create an account (password prompted, or generated and printed once)",
        "trajbuild annotate load --gold gold.jsonl             load every dataset's slice from the last build, and the gold (control) items",
        "trajbuild annotate serve                               http://127.0.0.1:5080, SQLite under .trajbuild/annotate",
        "trajbuild annotate status                              progress per annotator, gold accuracy, agreement per axis",
        "trajbuild annotate export -o labels.jsonl              every label, in the build's label file format",
        "trajbuild annotate convert export.json --from label-studio -o labels.jsonl",
        "                                                       labels made in Label Studio, as the build's label file");
}
