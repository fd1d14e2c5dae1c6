using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>
/// <c>trajbuild import</c>: normalize recorded trajectories outside a build (to inspect a format, convert a corpus, or
/// measure throughput): files or folders in, normalized JSON Lines out, every quarantined record reported.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to read (folders recursively; files the importer does not take are skipped)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "The importer (see --list)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the normalized trajectories here (JSON Lines) instead of stdout" };
        var quarantine = new Option<string?>("--quarantine") { Description = "Also write the quarantined records here (JSON Lines: file, position, reason)" };
        var scaffold = new Option<string?>("--scaffold") { Description = "Scaffold name for ids and provenance when the files do not say (default: the format)" };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when any record was quarantined" };
        var list = new Option<bool>("--list") { Description = "List the importers and what each reads" };
        var command = new Command(
            "import",
            "Normalize recorded trajectories (any supported format, see --list) into the trajectory schema, one JSON object per line; "
            + "a record that cannot be read is quarantined with file, position and reason, and the rest is still imported")
        {
            paths, format, output, quarantine, scaffold, strict, list,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(list))
            {
                foreach (var importer in TrajectoryImporters.All)
                {
                    await stdout.WriteLineAsync($"{importer.Format,-18} v{importer.Version}  {importer.Description}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            var name = parse.GetValue(format);
            if (name is null || !TrajectoryImporters.TryGet(name, out var selected))
            {
                await stderr.WriteLineAsync($"error: {(name is null ? "--format is required" : $"unknown format '{name}'")}; one of: {string.Join(", ", TrajectoryImporters.All.Select(i => i.Format))}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var files = new List<string>();
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => selected.Accepts(Path.GetFileName(f))).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    await stderr.WriteLineAsync($"error: {path}: no such file or folder").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            return await RunAsync(selected, files, parse.GetValue(scaffold) ?? selected.Format, parse.GetValue(output), parse.GetValue(quarantine), parse.GetValue(strict), stdout, stderr, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ITrajectoryImporter importer, List<string> files, string scaffold, string? outputPath, string? quarantinePath, bool strict, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();

        // The output files appear only once the import has finished: until then they are written beside, under a
        // hidden name, so an interrupted import never leaves a short file that looks whole (nor replaces an old one).
        var outputPartial = outputPath is null ? null : PartialPath(outputPath);
        var quarantinePartial = quarantinePath is null ? null : PartialPath(quarantinePath);
        var progress = new ProgressLine(stderr, toTerminalStdout: outputPath is null && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        ImportTotals totals;
        try
        {
            var output = outputPartial is null ? null : new FileStream(outputPartial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            var quarantine = quarantinePartial is null ? null : new StreamWriter(quarantinePartial, append: false);
            await using (output)
            await using (quarantine)
            {
                var run = new ImportRun(
                    importer,
                    trajectory => ImportedIds.Assign(trajectory, scaffold),
                    output is null
                        ? (bytes, _) => new ValueTask(stdout.WriteAsync(Encoding.UTF8.GetString(bytes.Span)))
                        : output.WriteAsync,
                    async (bad, _) =>
                    {
                        progress.Clear();
                        await stderr.WriteLineAsync($"quarantined: {bad}").ConfigureAwait(false);
                        if (quarantine is not null)
                        {
                            await quarantine.WriteLineAsync(JsonSerializer.Serialize(new { file = bad.File, position = bad.Position, reason = bad.Reason })).ConfigureAwait(false);
                        }
                    })
                {
                    Scaffold = scaffold,
                    Progress = progress.Report,
                };
                totals = await ImportRunner.RunAsync(run, [.. files.Select(f => new ImportFile(Path.GetFullPath(f), f.Replace('\\', '/')))], cancellationToken).ConfigureAwait(false);
            }

            MoveIntoPlace(quarantinePartial, quarantinePath);
            MoveIntoPlace(outputPartial, outputPath);
        }
        finally
        {
            progress.Clear();
            DeleteIfLeft(outputPartial);
            DeleteIfLeft(quarantinePartial);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var megabytes = totals.Bytes / 1048576.0;
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{totals.Trajectories} trajectories, {totals.Quarantined} quarantined, from {files.Count} files ({megabytes:0.0} MB in {seconds:0.00} s, {megabytes / Math.Max(seconds, 1e-6):0.0} MB/s)")).ConfigureAwait(false);
        return strict && totals.Quarantined > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>
    /// Where <paramref name="path"/> is written until the import ends: a hidden file beside it, which the next import
    /// to the same path starts again (so a killed import leaves nothing that stays).
    /// </summary>
    internal static string PartialPath(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.partial");
    }

    private static void MoveIntoPlace(string? partial, string? path)
    {
        if (partial is not null && path is not null)
        {
            File.Move(partial, path, overwrite: true);
        }
    }

    private static void DeleteIfLeft(string? partial)
    {
        if (partial is not null && File.Exists(partial))
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// The import's progress on stderr: on a terminal, one line rewritten twice a second; otherwise (a log) a line every
    /// 10 seconds, so a long import shows it is alive without flooding the log. None when the trajectories themselves
    /// go to the same terminal (stdout), where the line would break them up.
    /// </summary>
    private sealed class ProgressLine(TextWriter stderr, bool toTerminalStdout)
    {
        private readonly bool _terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private bool _shown;

        public void Report(ImportProgress progress)
        {
            if ((_terminal && toTerminalStdout) || _since.Elapsed < (_terminal ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(10)))
            {
                return;
            }

            _since.Restart();
            var line = string.Create(CultureInfo.InvariantCulture,
                $"import: {progress.FilesDone}/{progress.Files} files, {progress.BytesDone / 1048576.0:0.0} of {progress.Bytes / 1048576.0:0.0} MB, {progress.Trajectories} trajectories, {progress.Quarantined} quarantined");
            if (_terminal)
            {
                stderr.Write("\r" + line + "\u001b[K");
                _shown = true;
            }
            else
            {
                stderr.WriteLine(line);
            }
        }

        // A terminal's progress line is wiped before anything else is written there.
        public void Clear()
        {
            if (_shown)
            {
                stderr.Write("\r\u001b[K");
                _shown = false;
            }
        }
    }
}
