using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.ImportBench.Corpus;
using TrajectoryBuild.ImportBench.Runs;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.ImportBench;

/// <summary>
/// The import benchmark: ensure the corpus, read it once (so every run reads from the page cache), then per format
/// warm-up runs and measured runs of trajbuild (whole corpus and a quarter) and python, each a child process; print
/// the Markdown tables and the verdict.
/// </summary>
internal static class ImportBenchApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (args.Length > 0 && args[0] == ChildRunner.ChildCommand)
            {
                stdout.WriteLine(Child(args, cancellationToken));
                return 0;
            }

            var options = ImportBenchOptions.Parse(args);
            if (options.Help)
            {
                stdout.WriteLine(ImportBenchOptions.Usage);
                return 0;
            }

            var markdown = await MeasureAsync(options, stdout, cancellationToken).ConfigureAwait(false);
            if (options.Out is { } outFile)
            {
                var path = Path.GetFullPath(outFile, Root(options));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, markdown, cancellationToken).ConfigureAwait(false);
                stdout.WriteLine($"written to {outFile}");
            }

            return 0;
        }
        catch (ImportBenchUsageException exception)
        {
            stderr.WriteLine($"error: {exception.Message}");
            stderr.WriteLine(ImportBenchOptions.Usage);
            return 2;
        }
        catch (ImportBenchFailedException exception)
        {
            stderr.WriteLine($"error: {exception.Message}");
            return 1;
        }
    }

    private static async Task<string> MeasureAsync(ImportBenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var root = Root(options);
        var formats = options.Formats is { } names
            ? [.. names.Select(n => CorpusFormats.All.FirstOrDefault(f => f.Name == n)
                ?? throw new ImportBenchUsageException($"--formats: unknown format '{n}'; known: {string.Join(", ", CorpusFormats.All.Select(f => f.Name))}"))]
            : CorpusFormats.All;
        var corpus = CorpusBuilder.Ensure(root, options.SizeMb, formats, log);
        var corpusRoot = Path.GetDirectoryName(Path.GetDirectoryName(corpus[0].Files[0].Path))!;
        var makeUp = ResultsTable.MakeUp(corpus);
        log.WriteLine(makeUp);
        PreRead(corpus, log);

        var work = Path.Combine(root, "artifacts", "bench", "import-out");
        Directory.CreateDirectory(work);
        var measurements = new List<FormatMeasurement>();
        foreach (var part in corpus)
        {
            var measurement = new FormatMeasurement(part, part.Quarter());
            measurements.Add(measurement);
            var name = part.Format.Name;
            var full = WriteList(Path.Combine(work, $"{name}.full.txt"), part.Files);
            var quarter = WriteList(Path.Combine(work, $"{name}.quarter.txt"), measurement.QuarterFiles);

            // Python reads the same rows: from the file itself, or from its JSON Lines twin where it cannot (Parquet).
            var pythonList = WriteList(Path.Combine(work, $"{name}.python.txt"), part.Files, twins: true);
            var trajbuildOut = Path.Combine(work, $"{name}.trajbuild.jsonl");
            var pythonOut = Path.Combine(work, $"{name}.python.jsonl");
            for (var i = -options.Warmup; i < options.Iterations; i++)
            {
                var label = i < 0 ? "warm-up" : $"run {i + 1}/{options.Iterations}";

                // Alternate which tool goes first, so neither always follows the other's page-cache and CPU state.
                RunResult trajbuild, python;
                if (i % 2 == 0)
                {
                    trajbuild = await TrajbuildAsync(part, full, trajbuildOut, corpusRoot, cancellationToken).ConfigureAwait(false);
                    python = await ChildRunner.PythonAsync(options.Python, pythonList, pythonOut, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    python = await ChildRunner.PythonAsync(options.Python, pythonList, pythonOut, cancellationToken).ConfigureAwait(false);
                    trajbuild = await TrajbuildAsync(part, full, trajbuildOut, corpusRoot, cancellationToken).ConfigureAwait(false);
                }

                var small = await TrajbuildAsync(part, quarter, trajbuildOut, corpusRoot, cancellationToken).ConfigureAwait(false);
                log.WriteLine(Invariant(
                    $"{name} {label}: trajbuild {trajbuild.MegabytesPerSecond:F1} MB/s ({trajbuild.Records} trajectories, peak {trajbuild.PeakMb:F0} MB, quarter peak {small.PeakMb:F0} MB, {trajbuild.AllocatedMb:F0} MB allocated); python {python.MegabytesPerSecond:F1} MB/s (peak {python.PeakMb:F0} MB); ratio {python.Seconds / trajbuild.Seconds:F2}x"));
                if (i >= 0)
                {
                    measurement.Full.Add(trajbuild);
                    measurement.Quarter.Add(small);
                    measurement.Python.Add(python);
                }
            }

            if (options.Profile)
            {
                measurement.Profile = await ChildRunner.ProfileAsync(part.Format.Importer, quarter, trajbuildOut, corpusRoot, cancellationToken).ConfigureAwait(false);
            }

            File.Delete(trajbuildOut);
            File.Delete(pythonOut);
        }

        var markdown = new StringBuilder()
            .AppendLine("### Corpus").AppendLine().Append(makeUp).AppendLine()
            .AppendLine(Invariant($"### Results (medians of {options.Iterations} runs after {options.Warmup} warm-up)")).AppendLine()
            .Append(ResultsTable.Results(measurements)).AppendLine()
            .AppendLine(ResultsTable.Verdict(measurements));
        if (options.Profile)
        {
            markdown.AppendLine().AppendLine("### Profile (quarter corpus, steady state: fastest of 3 passes after a warm-up pass)").AppendLine().Append(ResultsTable.Profile(measurements));
        }

        var text = markdown.ToString();
        log.WriteLine();
        log.WriteLine(text);
        return text;
    }

    private static async Task<RunResult> TrajbuildAsync(FormatCorpus part, string list, string output, string corpusRoot, CancellationToken cancellationToken)
    {
        var result = await ChildRunner.TrajbuildAsync(part.Format.Importer, list, output, corpusRoot, cancellationToken).ConfigureAwait(false);
        return result.Quarantined == 0
            ? result
            : throw new ImportBenchFailedException($"{part.Format.Name}: {result.Quarantined} records quarantined, the first: {result.FirstQuarantine}");
    }

    /// <summary>Child mode: <c>child import|profile IMPORTER LIST OUTPUT CORPUS_ROOT</c>; prints the result as one JSON line.</summary>
    private static string Child(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length != 6 || !TrajectoryImporters.TryGet(args[2], out var importer))
        {
            throw new ImportBenchUsageException($"child: expected 'child import|profile IMPORTER LIST OUTPUT CORPUS_ROOT', got '{string.Join(' ', args)}'");
        }

        var files = File.ReadAllLines(args[3]).Where(l => l.Length > 0).ToList();
        return args[1] switch
        {
            "import" => JsonSerializer.Serialize(ImportChild.Run(importer, files, args[4], args[5], cancellationToken), ChildRunner.Json),
            "profile" => JsonSerializer.Serialize(ProfileChild.Run(importer, files, args[4], args[5], cancellationToken), ChildRunner.Json),
            _ => throw new ImportBenchUsageException($"child: unknown mode '{args[1]}'"),
        };
    }

    /// <summary>Reads every file once so all runs read from the page cache (the corpus fits in RAM many times over).</summary>
    private static void PreRead(IReadOnlyList<FormatCorpus> corpus, TextWriter log)
    {
        var stopwatch = Stopwatch.StartNew();
        var buffer = new byte[1 << 20];
        long bytes = 0;
        foreach (var file in corpus.SelectMany(p => p.Files).SelectMany(f => f.Twin is null ? [f.Path] : new[] { f.Path, f.Twin }))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                bytes += read;
            }
        }

        log.WriteLine(Invariant($"pre-read {bytes / 1e6:F0} MB in {stopwatch.Elapsed.TotalSeconds:F1} s ({bytes / 1e6 / stopwatch.Elapsed.TotalSeconds:F0} MB/s); every run then reads from the page cache"));
    }

    private static string WriteList(string path, IEnumerable<CorpusFile> files, bool twins = false)
    {
        File.WriteAllLines(path, files.Select(f => twins ? f.Twin ?? f.Path : f.Path));
        return path;
    }

    private static string Root(ImportBenchOptions options)
    {
        if (options.Root is { } root)
        {
            return Path.GetFullPath(root);
        }

        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TrajectoryBuild.sln")))
            {
                return folder.FullName;
            }
        }

        throw new ImportBenchFailedException("TrajectoryBuild.sln not found above the current folder; pass --root");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
