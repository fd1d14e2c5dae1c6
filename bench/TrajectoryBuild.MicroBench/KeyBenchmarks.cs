using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MicroBench;

/// <summary>
/// A target's key: building its preimage, writing the canonical JSON, and SHA-256 of it (Preimage.KeyOf does the last
/// two). <see cref="Upstream"/> 2 is a per-task target (Evaluate: a capture and a reproduction); 100,000 a dataset
/// target such as Package, which reads every trajectory.
/// </summary>
[MemoryDiagnoser]
public class KeyBenchmarks
{
    private TargetSpec _target = null!;
    private Dictionary<string, IReadOnlyDictionary<string, OutputFile>> _outputs = null!;
    private JsonObject _preimage = null!;
    private byte[] _canonical = [];

    [Params(2, 100_000)]
    public int Upstream { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _outputs = new Dictionary<string, IReadOnlyDictionary<string, OutputFile>>(StringComparer.Ordinal);
        var upstream = new List<UpstreamRef>();
        for (var i = 0; i < Upstream; i++)
        {
            var id = $"Capture/org{i % 97}__project{i % 500}-{i + 1}/bench/scripted/1";
            upstream.Add(new UpstreamRef(id, "out.json"));
            _outputs[id] = new Dictionary<string, OutputFile> { ["out.json"] = new(Digest.OfText(id), 180) };
        }

        _target = new TargetSpec("Evaluate", "org0__project0-1/bench/scripted/1")
        {
            Params = new JsonObject { ["scaffold"] = "bench", ["model"] = "scripted", ["seed"] = 1 },
            Facts = new Dictionary<string, string> { [FactNames.Verifier] = Digest.OfText("verifier"), [FactNames.Commit] = "0123456789abcdef0123456789abcdef01234567" },
            Inputs = new Dictionary<string, string> { ["task"] = Digest.OfText("task") },
            Upstream = upstream,
        };
        _preimage = BuildPreimage();
        _canonical = CanonicalJson.SerializeToUtf8(_preimage);
    }

    [Benchmark]
    public JsonObject BuildPreimage() => Preimage.Build(_target, 1, 0, id => _outputs.GetValueOrDefault(id));

    [Benchmark]
    public byte[] CanonicalJsonBytes() => CanonicalJson.SerializeToUtf8(_preimage);

    [Benchmark]
    public string Sha256OfCanonical() => Digest.Of(_canonical);

    [Benchmark]
    public string KeyOf() => Preimage.KeyOf(_preimage);
}
