using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TrajectoryBuild.MacroBench.Report;

namespace TrajectoryBuild.MicroBench;

/// <summary>
/// Runs the BenchmarkDotNet micro-benchmarks in this process (in-process toolchain: no generated project to build),
/// leaves BenchmarkDotNet's own reports under <c>artifacts/bench/micro/</c> and writes <c>artifacts/bench/micro.json</c>
/// (median and allocations per operation), which the macro table also lists.
/// </summary>
internal static class MicroBenchApp
{
    public const string Usage = """
        Usage: TrajectoryBuild.MicroBench [--smoke] [--filter TEXT] [--out DIR] [--root DIR]

        BenchmarkDotNet micro-benchmarks: KeyBenchmarks (a target's preimage, canonical JSON, SHA-256, KeyOf; 2 and
        100,000 upstream outputs) and ImporterBenchmarks (swe-agent, mini-swe-agent, nebius-swe-agent and openhands on their
        real samples). Results: DIR/micro.json and BenchmarkDotNet's reports in DIR/micro/.
          --smoke        one iteration of each (BenchmarkDotNet's dry job): checks they run, measures nothing
          --filter TEXT  only benchmarks whose Class.Method contains TEXT
          --out DIR      default artifacts/bench
          --root DIR     the repository root (default: found from the current folder)
        """;

    public static string Root { get; private set; } = Directory.GetCurrentDirectory();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var smoke = false;
        string? filter = null, outDir = null, root = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--smoke":
                    smoke = true;
                    break;
                case "--filter" or "--out" or "--root" when i + 1 < args.Length:
                    (filter, outDir, root) = args[i] switch
                    {
                        "--filter" => (args[++i], outDir, root),
                        "--out" => (filter, args[++i], root),
                        _ => (filter, outDir, args[++i]),
                    };
                    break;
                default:
                    await stderr.WriteLineAsync($"error: unknown option or missing value '{args[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        Root = root is null ? FindRoot(Directory.GetCurrentDirectory()) ?? Root : Path.GetFullPath(root);
        var output = Path.GetFullPath(outDir ?? Path.Combine("artifacts", "bench"), Root);
        var job = (smoke ? Job.Dry : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1)).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(output, "micro"));
        if (filter is not null)
        {
            config = config.AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b => $"{b.Descriptor.Type.Name}.{b.Descriptor.WorkloadMethod.Name}".Contains(filter, StringComparison.Ordinal)));
        }

        var file = new ResultFile("micro", smoke ? "Micro-benchmarks (smoke: one iteration each, not a measurement)" : "Micro-benchmarks (BenchmarkDotNet)",
            $"dotnet run --project bench/TrajectoryBuild.MicroBench -c Release --{(smoke ? " --smoke" : string.Empty)}{(filter is null ? string.Empty : $" --filter {filter}")}");
        var summaries = BenchmarkRunner.Run([typeof(KeyBenchmarks), typeof(ImporterBenchmarks)], config);
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
        if (failed.Count > 0 || summaries.All(s => s.Reports.IsEmpty))
        {
            await stderr.WriteLineAsync($"error: micro-benchmarks failed: {(failed.Count > 0 ? string.Join(", ", failed) : "none ran (check --filter)")}").ConfigureAwait(false);
            return 1;
        }

        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            Add(file, report);
        }

        var path = await file.WriteAsync(output, CancellationToken.None).ConfigureAwait(false);
        await stdout.WriteLineAsync($"written: {Path.GetRelativePath(Root, path)}").ConfigureAwait(false);
        return 0;
    }

    private static void Add(ResultFile file, BenchmarkReport report)
    {
        var name = $"{report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}";
        var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
        var median = report.ResultStatistics?.Median ?? 0;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
        file.Results[$"{name} {parameters}"] = new System.Text.Json.Nodes.JsonObject
        {
            ["median_ns"] = Math.Round(median, 1),
            ["mean_ns"] = Math.Round(report.ResultStatistics?.Mean ?? 0, 1),
            ["allocated_bytes_per_op"] = allocated,
        };
        file.Row($"micro: {name}", parameters, Nanoseconds(median), string.Create(CultureInfo.InvariantCulture, $"{allocated / 1024.0:F1} KB/op allocated"), "-", null, "BenchmarkDotNet (in-process)");
    }

    private static string Nanoseconds(double ns) => ns >= 1e9 ? F($"{ns / 1e9:F2} s") : ns >= 1e6 ? F($"{ns / 1e6:F2} ms") : ns >= 1e3 ? F($"{ns / 1e3:F2} us") : F($"{ns:F0} ns");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrajectoryBuild.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
