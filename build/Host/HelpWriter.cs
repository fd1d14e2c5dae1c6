using Build.Parameters;

namespace Build.Host;

/// <summary>`--help`: every target with its description and dependencies, every parameter and switch.</summary>
internal static class HelpWriter
{
    private const int Column = 28;

    public static void Write(TextWriter output, IReadOnlyList<Target> targets, string defaultTarget)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(targets);
        output.WriteLine("Usage: ./build.sh [target...] [options]   (./build.ps1 on Windows)");
        output.WriteLine();
        output.WriteLine($"Targets (each runs once, after what it depends on; * = default, run when none is given):");
        foreach (var target in targets)
        {
            var marker = string.Equals(target.Name, defaultTarget, StringComparison.OrdinalIgnoreCase) ? " *" : string.Empty;
            Row(output, target.Name + marker, target.Description);
            if (target.DependsOn.Count > 0)
            {
                Row(output, string.Empty, $"depends on: {string.Join(", ", target.DependsOn)}");
            }
        }

        output.WriteLine();
        output.WriteLine("Parameters (command line, else environment variable, else default):");
        foreach (var parameter in ParameterDefinitions.All)
        {
            var value = parameter.Type == ParameterType.Boolean ? "[=<bool>]" : $" <{parameter.TypeName}>";
            Row(output, parameter.Option + value, parameter.Description);
            Row(output, string.Empty, $"type: {parameter.Expected}");
            Row(output, string.Empty, $"default: {parameter.DefaultText}; env: {parameter.EnvironmentVariable}");
        }

        output.WriteLine();
        output.WriteLine("Options:");
        Row(output, "-h, --help", "Show this help.");
        Row(output, "--plan", "Print the targets that would run, in order, without running them.");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 success, 1 a target failed, 2 usage error.");
        output.WriteLine("Examples:");
        output.WriteLine("  ./build.sh                        build the dataset in datasets.yaml (Package)");
        output.WriteLine("  ./build.sh Compile Test           build the solution and run every test");
        output.WriteLine("  ./build.sh Plan --explain         say which dataset targets would run, and why");
        output.WriteLine("  ./build.sh Reproduce --jobs 8 --keep-going");
        output.WriteLine("  ./build.sh Plan --matrix --cache-url URL   how many legs a sharded CI build needs");
        output.WriteLine("  ./build.sh Build --shard 2/8 --cache-url URL   build leg 2 of 8, sharing the cache");
        output.WriteLine("  ./build.sh Bench --iterations 3          the macro benchmarks; their table goes into docs/benchmarks.md");
        output.WriteLine("  ./build.sh Bench --suite stage2          stage 2 vs the docker CLI (--suite micro: BenchmarkDotNet)");
    }

    // A left part too wide for the column gets a line of its own, so the right part never runs into it.
    private static void Row(TextWriter output, string left, string right)
    {
        if (left.Length > Column - 3)
        {
            output.WriteLine($"  {left}");
            left = string.Empty;
        }

        output.WriteLine($"  {left.PadRight(Column - 2)}{right}".TrimEnd());
    }
}
