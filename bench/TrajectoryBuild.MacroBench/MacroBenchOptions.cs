using System.Globalization;

namespace TrajectoryBuild.MacroBench;

/// <summary>The command line of the macro benchmarks (see <see cref="Usage"/>).</summary>
internal sealed record MacroBenchOptions
{
    public static readonly IReadOnlyList<string> AllBenchmarks = ["plan", "change", "scaling", "package", "cache"];

    public IReadOnlyList<string> Benchmarks { get; init; } = AllBenchmarks;

    public int Tasks { get; init; } = 100_000;

    public IReadOnlyList<int> Scaling { get; init; } = [1_000, 10_000, 100_000];

    public int CacheTargets { get; init; } = 100_000;

    public int Trajectories { get; init; } = 50_000;

    public int Iterations { get; init; } = 5;

    public int Warmup { get; init; } = 1;

    public string Out { get; init; } = "artifacts/bench";

    public string? Docs { get; init; }

    public string? Root { get; init; }

    public string? Work { get; init; }

    public bool Ninja { get; init; } = true;

    public bool ReportOnly { get; init; }

    public bool Help { get; init; }

    public const string Usage = """
        Usage: TrajectoryBuild.MacroBench [options]
               TrajectoryBuild.MacroBench trajbuild ARGS...   the trajbuild CLI over the bench pipeline (what is timed)

        The macro benchmarks of issue 10, each a whole process timed (median of --iterations runs after --warmup) with its
        peak memory (GNU time, ru_maxrss); inputs are generated (seeded) and built once under artifacts/bench/workspaces/.
          plan      no-op plan of --tasks tasks (every target FRESH) vs ninja -n on the same graph   -> plan-noop.json
          change    plan after one commit changed in tasks.jsonl, from the stamp and in full: exactly
                    its 6 targets, vs ninja -n                                                     -> plan-change.json
          scaling   no-op plan time and peak memory at each --scaling size (the SVG's data)          -> scaling.json
          package   --trajectories normalized trajectories to JSONL + Parquet (the Package stage's code) -> package.json
          cache     restore --cache-targets targets from the local store, and from nginx on loopback  -> cache-restore.json
        Each writes artifacts/bench/<name>.json; all together also artifacts/bench/macro.md (the table).

        Options:
          --benchmarks LIST      comma-separated, from: plan, change, scaling, package, cache (default: all)
          --tasks N              tasks of the plan and change benchmarks (default 100000; 4 targets a task + 2)
          --scaling LIST         task counts of the scaling curve (default 1000,10000,100000; 1000000 is the long point)
          --cache-targets N      targets restored by the cache benchmark (default 100000)
          --trajectories N       trajectories packaged (default 50000)
          --iterations N         measured runs of each variant (default 5)
          --warmup N             unmeasured runs first (default 1)
          --out DIR              where the JSON and macro.md go (default artifacts/bench)
          --docs FILE            also write the table into FILE between its macro-bench markers, and the scaling
                                 SVG beside it (docs/benchmarks.md; figures always come from this run's JSON)
          --no-ninja             skip the ninja side of plan and change (say so in the results)
          --report-only          run nothing: write macro.md (and --docs) from the JSON already in --out
          --work DIR             where the generated inputs and built workspaces are kept (default artifacts/bench/workspaces)
          --root DIR             the repository root (default: found from the current folder)
        Needs GNU time (/usr/bin/time), ninja (ninja-build) unless --no-ninja, and nginx for the cache benchmark.
        """;

    public static MacroBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new MacroBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new MacroBenchUsageException($"{arg} needs a value");
            options = arg switch
            {
                "-h" or "--help" => options with { Help = true },
                "--benchmarks" => options with { Benchmarks = Names(arg, Value()) },
                "--tasks" => options with { Tasks = Positive(arg, Value()) },
                "--scaling" => options with { Scaling = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(arg, v))] },
                "--cache-targets" => options with { CacheTargets = Positive(arg, Value()) },
                "--trajectories" => options with { Trajectories = Positive(arg, Value()) },
                "--iterations" => options with { Iterations = Positive(arg, Value()) },
                "--warmup" => options with { Warmup = NonNegative(arg, Value()) },
                "--out" => options with { Out = Value() },
                "--docs" => options with { Docs = Value() },
                "--root" => options with { Root = Value() },
                "--work" => options with { Work = Value() },
                "--no-ninja" => options with { Ninja = false },
                "--report-only" => options with { ReportOnly = true },
                _ => throw new MacroBenchUsageException($"unknown option '{arg}'; see --help"),
            };
        }

        if (options.Scaling.Count == 0)
        {
            throw new MacroBenchUsageException("--scaling needs at least one task count, e.g. --scaling 1000,10000");
        }

        return options.CacheTargets < 6
            ? throw new MacroBenchUsageException($"--cache-targets {options.CacheTargets} is too small: at least 6 (one task's 4 targets + 2)")
            : options;
    }

    private static List<string> Names(string option, string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = names.Where(n => !AllBenchmarks.Contains(n, StringComparer.Ordinal)).ToList();
        return unknown.Count > 0 || names.Count == 0
            ? throw new MacroBenchUsageException($"{option}: unknown benchmark {string.Join(", ", unknown.Select(u => $"'{u}'"))}; valid: {string.Join(", ", AllBenchmarks)}")
            : names;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new MacroBenchUsageException($"{option} must be a whole number >= 1, not '{value}'");

    private static int NonNegative(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new MacroBenchUsageException($"{option} must be a whole number >= 0, not '{value}'");
}
