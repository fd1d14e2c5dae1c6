using System.Text.Json.Nodes;
using CsCheck;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Tests.Manifest;

namespace TrajectoryBuild.Tests.Keys;

/// <summary>
/// The key a plan writes straight from a target must be the SHA-256 of the canonical preimage tree, byte for byte: any
/// difference re-keys (and re-runs) every target of every user's cache.
/// </summary>
public sealed class PreimageKeyPropertyTests
{
    private static readonly string[] s_names = ["a", "b", "B", "é", "a/b", "x\"y", "tab\there", "\u0001", "😀", "\ud800", "Z"];
    private static readonly string[] s_targets = ["Mine/demo", "Reproduce/t1", "Rollout/t1/x", "Mine/démo"];

    [Fact]
    public void KeyOf_RandomTargets_IsTheKeyOfTheBuiltPreimage()
    {
        var cases = SeededCases.Draw(Case(), 3000, 31);
        var pending = 0;
        var refused = 0;
        SeededCases.Run(
            cases,
            c =>
            {
                var (target, outputs) = c;
                var upstream = target.Upstream.Select(u => outputs.GetValueOrDefault(u.TargetId)).ToArray();
                JsonObject preimage;
                try
                {
                    preimage = Preimage.Build(target, 4, -7, id => outputs.GetValueOrDefault(id));
                }
                catch (InvalidOperationException e)
                {
                    Should.Throw<InvalidOperationException>(() => Preimage.KeyOf(target, 4, -7, upstream)).Message.ShouldBe(e.Message);
                    Interlocked.Increment(ref refused);
                    return;
                }

                var key = Preimage.KeyOf(target, 4, -7, upstream);
                if (Preimage.HasPending(preimage))
                {
                    key.ShouldBeNull();
                    Interlocked.Increment(ref pending);
                }
                else
                {
                    key.ShouldBe(Preimage.KeyOf(preimage));
                }
            },
            c => $"{c.Target.Id} {string.Join(" ", c.Target.Upstream)} params={c.Target.Params?.ToJsonString()}");

        // The generator reaches every branch: keyed, pending, and an output the upstream did not produce.
        pending.ShouldBeGreaterThan(100);
        refused.ShouldBeGreaterThan(100);
        (cases.Count - pending - refused).ShouldBeGreaterThan(1000);
    }

    private static Gen<(TargetSpec Target, Dictionary<string, IReadOnlyDictionary<string, OutputFile>> Outputs)> Case()
    {
        var name = Gen.OneOf(Gen.Int[0, s_names.Length - 1].Select(i => s_names[i]), Gen.String);
        var digest = Gen.Byte.Array[32].Select(Convert.ToHexStringLower);
        var map = Gen.Select(name, digest).Array[0, 4].Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));
        var scalar = Gen.OneOf(
            name.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const<JsonNode?>(() => null));
        var node = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
            ? scalar
            : Gen.Frequency(
                (3, scalar),
                (1, self.Array[0, 3].Select(items => (JsonNode?)new JsonArray(items))),
                (1, Gen.Select(name, self).Array[0, 3].Select(entries => (JsonNode?)Mapping(entries)))));
        var reference = Gen.Select(
            Gen.Int[0, s_targets.Length - 1],
            Gen.OneOf(Gen.Const<string?>(() => null), Gen.Int[0, 3].Select(i => (string?)s_names[i])),
            (t, output) => new UpstreamRef(s_targets[t], output));
        var outputs = Gen.Select(
            Gen.Select(Gen.Int[0, 3].Select(i => s_names[i]), Gen.Long[0, 1 << 20]).Array[1, 3],
            digest,
            Gen.Int[0, 5],
            (files, seed, absent) => absent == 0
                ? null
                : (IReadOnlyDictionary<string, OutputFile>)files.DistinctBy(f => f.Item1).ToDictionary(f => f.Item1, f => new OutputFile(Digest.OfText(seed + f.Item1), f.Item2)));
        var target = Gen.Select(
            name,
            name,
            map,
            map,
            Gen.OneOf(Gen.Const<JsonNode?>(() => null), node),
            reference.Array[0, 5],
            (stage, unit, facts, inputs, parameters, upstream) => new TargetSpec(stage, unit)
            {
                Facts = facts,
                Inputs = inputs,
                Params = parameters,
                Upstream = upstream,
            });
        return Gen.Select(
            target,
            outputs.Array[s_targets.Length],
            (t, o) => (t, s_targets.Select((id, i) => (id, o[i])).Where(p => p.Item2 is not null).ToDictionary(p => p.id, p => p.Item2!)));
    }

    private static JsonObject Mapping((string Key, JsonNode? Value)[] entries)
    {
        var mapping = new JsonObject();
        foreach (var (key, value) in entries)
        {
            mapping[key] = value;
        }

        return mapping;
    }
}
