using System.Globalization;
using TrajectoryBuild.Cli;
using TrajectoryBuild.MacroBench.Benchmarks;
using TrajectoryBuild.MacroBench.Pipeline;
using TrajectoryBuild.MacroBench.Report;
using TrajectoryBuild.MacroBench.Runs;

namespace TrajectoryBuild.MacroBench;

/// <summary>
/// The macro benchmarks' entry point: runs the chosen benchmarks, each writing its JSON, then the table of every result
/// in the output folder (and, with --docs, into the docs page with the scaling SVG). <c>trajbuild ARGS</c> is the child
/// that is timed: the real trajbuild CLI over the bench pipeline.
/// </summary>
internal static class MacroBenchApp
{
    public const string ChildCommand = "trajbuild";

    public static async Task<int> MainAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == ChildCommand)
        {
            return await CliApp.MainAsync(args[1..], BenchPipeline.Create()).ConfigureAwait(false);
        }

        if (args.Length == 4 && args[0] == PackageChild.Command)
        {
            var result = await PackageChild.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], CancellationToken.None).ConfigureAwait(false);
            Console.WriteLine(result.ToJsonString());
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var options = MacroBenchOptions.Parse(args);
            if (options.Help)
            {
                await stdout.WriteLineAsync(MacroBenchOptions.Usage).ConfigureAwait(false);
                return 0;
            }

            if (ProcessTimer.Missing() is { } missing)
            {
                throw new MacroBenchFailedException(missing);
            }

            var root = options.Root is { } given ? Path.GetFullPath(given) : FindRoot(Directory.GetCurrentDirectory());
            var context = new BenchContext(options, root, Path.GetFullPath(options.Out, root), stdout);
            var written = options.ReportOnly ? [] : await RunBenchmarksAsync(context, cancellationToken).ConfigureAwait(false);
            var table = MacroTable.Render(context.OutFolder);
            var tablePath = Path.Combine(context.OutFolder, MacroTable.FileName);
            await File.WriteAllTextAsync(tablePath, table, cancellationToken).ConfigureAwait(false);
            written.Add(tablePath);
            if (options.Docs is { } docs)
            {
                written.AddRange(await DocsPage.UpdateAsync(Path.GetFullPath(docs, root), table, context.OutFolder, cancellationToken).ConfigureAwait(false));
            }

            await stdout.WriteLineAsync(table).ConfigureAwait(false);
            foreach (var path in written)
            {
                await stdout.WriteLineAsync($"written: {Path.GetRelativePath(root, path)}").ConfigureAwait(false);
            }

            return 0;
        }
        catch (MacroBenchUsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run with --help to see the benchmarks and options.").ConfigureAwait(false);
            return 2;
        }
        catch (MacroBenchFailedException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<List<string>> RunBenchmarksAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var runs = new PlanRuns(context);
        foreach (var benchmark in context.Options.Benchmarks)
        {
            context.Log.WriteLine($"== {benchmark}");
            written.Add(benchmark switch
            {
                "plan" => await PlanBenchmark.RunAsync(context, runs, change: false, cancellationToken).ConfigureAwait(false),
                "change" => await PlanBenchmark.RunAsync(context, runs, change: true, cancellationToken).ConfigureAwait(false),
                "scaling" => await ScalingBenchmark.RunAsync(context, runs, cancellationToken).ConfigureAwait(false),
                "package" => await PackageBenchmark.RunAsync(context, cancellationToken).ConfigureAwait(false),
                "cache" => await CacheBenchmark.RunAsync(context, cancellationToken).ConfigureAwait(false),
                _ => throw new MacroBenchUsageException($"unknown benchmark '{benchmark}'"),
            });
        }

        return written;
    }

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrajectoryBuild.sln")))
            {
                return dir.FullName;
            }
        }

        throw new MacroBenchUsageException($"no TrajectoryBuild.sln in {start} or above it: run from the repository, or pass --root DIR");
    }
}
