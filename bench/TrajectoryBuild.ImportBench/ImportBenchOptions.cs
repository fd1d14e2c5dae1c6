using System.Globalization;

namespace TrajectoryBuild.ImportBench;

/// <summary>The import benchmark's command line.</summary>
internal sealed record ImportBenchOptions
{
    public const string Usage = """
        Usage: dotnet run --project bench/TrajectoryBuild.ImportBench -c Release -- [options]

        Generates (once, cached) a deterministic corpus of native trajectory files, then times importing each format
        into normalized JSON Lines (a child process per run, peak memory per run, on a quarter and on the whole corpus)
        against python3's json module loading and dumping the same files; prints a Markdown table.

        Options:
          --size-mb <n>        corpus size in MB, all formats together (default 1024)
          --iterations <n>     measured runs of each variant; the table shows medians (default 10)
          --warmup <n>         unmeasured runs of each variant first (default 1)
          --formats <a,b>      only these corpus formats (default: all)
          --python <path>      the Python interpreter of the baseline (default /usr/bin/python3)
          --profile            also time the import's phases (parse, convert, serialize, write) per format
          --out <file>         also write the Markdown table to this file
          --root <folder>      relative paths are under it (default: the folder holding TrajectoryBuild.sln above the current one)
          -h, --help           show this help
        """;

    public int SizeMb { get; init; } = 1024;

    public int Iterations { get; init; } = 10;

    public int Warmup { get; init; } = 1;

    public IReadOnlyList<string>? Formats { get; init; }

    public string Python { get; init; } = "/usr/bin/python3";

    public bool Profile { get; init; }

    public string? Out { get; init; }

    public string? Root { get; init; }

    public bool Help { get; init; }

    public static ImportBenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ImportBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help" or "--profile")
            {
                options = name == "--profile" ? options with { Profile = true } : options with { Help = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ImportBenchUsageException($"{name}: expected a value, got nothing");
            }

            var value = args[++i];
            options = name switch
            {
                "--size-mb" => options with { SizeMb = Count(name, value, minimum: 1) },
                "--iterations" => options with { Iterations = Count(name, value, minimum: 1) },
                "--warmup" => options with { Warmup = Count(name, value, minimum: 0) },
                "--formats" => options with { Formats = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--python" => options with { Python = value },
                "--out" => options with { Out = value },
                "--root" => options with { Root = value },
                _ => throw new ImportBenchUsageException($"unknown option '{name}'"),
            };
        }

        return options;
    }

    private static int Count(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ImportBenchUsageException($"{name}: expected a whole number >= {minimum}, got '{value}'");
}
