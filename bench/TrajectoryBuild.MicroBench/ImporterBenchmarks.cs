using BenchmarkDotNet.Attributes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.MicroBench;

/// <summary>Each importer on its real sample file (tests/TrajectoryBuild.Trajectories.Tests/Data): read, parse, normalize.</summary>
[MemoryDiagnoser]
public class ImporterBenchmarks
{
    private static readonly Dictionary<string, string> s_samples = new(StringComparer.Ordinal)
    {
        ["swe-agent"] = "B_sweagent_function_calling_simple_demo.traj",
        ["mini-swe-agent"] = "B_minisweagent_local_legacy.traj.json",
        ["nebius-swe-agent"] = "B_nebius_swe_agent_trajectories_row_repr.jsonl",
        ["openhands"] = "F_openhands_output.jsonl",
    };

    private ITrajectoryImporter _importer = null!;
    private ImportSource _source = null!;

    [Params("swe-agent", "mini-swe-agent", "nebius-swe-agent", "openhands")]
    public string Format { get; set; } = "swe-agent";

    [GlobalSetup]
    public void Setup()
    {
        if (!TrajectoryImporters.TryGet(Format, out _importer))
        {
            throw new InvalidOperationException($"no importer '{Format}'");
        }

        var path = Path.Combine(MicroBenchApp.Root, "tests", "TrajectoryBuild.Trajectories.Tests", "Data", s_samples[Format]);
        _source = new ImportSource(path, Path.GetFileName(path), Digest.OfFile(path));
        var results = _importer.Import(_source, CancellationToken.None).ToList();
        var bad = results.OfType<Quarantined>().FirstOrDefault();
        if (bad is not null || !results.OfType<Imported>().Any())
        {
            throw new InvalidOperationException($"{Format}: the sample {path} did not import cleanly: {bad?.ToString() ?? "no trajectory"}");
        }
    }

    [Benchmark]
    public int Import() => _importer.Import(_source, CancellationToken.None).OfType<Imported>().Count();
}
