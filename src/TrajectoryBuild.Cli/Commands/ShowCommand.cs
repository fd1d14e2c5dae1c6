using System.CommandLine;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Commands;

/// <summary><c>trajbuild show</c>: list a built target's outputs, or print one of them (reports, task records).</summary>
internal static class ShowCommand
{
    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr)
    {
        var common = new CommonOptions(pipeline);
        var target = new Argument<string>("target") { Description = "A target id, e.g. Clone/dataset/demo (see 'trajbuild plan')" };
        var file = new Argument<string?>("file") { Description = "An output file to print, e.g. report.txt; without it, the outputs are listed", Arity = ArgumentArity.ZeroOrOne };
        var outDir = new Option<string?>("--out", "-o") { Description = "Copy every output of the target into this folder", HelpName = "folder" };
        var command = new Command("show", "Print a built target's output file, or list its outputs (--out copies them to a folder)") { target, file, outDir };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (_, manifest) =>
        {
            var engine = new BuildEngine(pipeline, manifest, common.BuildOptionsFor(parse));
            var id = parse.GetValue(target)!;
            if (await BuiltTarget.OutputsAsync(engine, id, stderr, cancellationToken).ConfigureAwait(false) is not { } outputs)
            {
                return ExitCodes.Failure;
            }

            if (parse.GetValue(outDir) is { } folder)
            {
                await outputs.MaterializeAsync(Path.GetFullPath(folder), cancellationToken).ConfigureAwait(false);
                stdout.WriteLine($"{outputs.Files.Count} output{(outputs.Files.Count == 1 ? string.Empty : "s")} of {id} copied to {folder}");
                return ExitCodes.Success;
            }

            var name = parse.GetValue(file);
            if (name is null)
            {
                foreach (var (output, info) in outputs.Files)
                {
                    stdout.WriteLine($"{output}\t{info.Size}\t{info.Digest[..12]}");
                }

                return ExitCodes.Success;
            }

            if (!outputs.Files.ContainsKey(name))
            {
                await stderr.WriteLineAsync($"error: {id} has no output '{name}'. Outputs: {string.Join(", ", outputs.Files.Keys.Take(20))}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await stdout.WriteAsync(outputs.ReadAllText(name)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
