using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Manifest;

/// <summary>
/// Manifests generated from the demo's tree, written as YAML with the line of every node known: each value replaced by a
/// value of each other type, an unknown key added to each mapping, each schema key misspelt, each entry written twice.
/// Each must be refused with an error at the line of what was changed (file:line:column), or be accepted where the
/// schema takes any key or either type; nothing throws.
/// </summary>
public sealed class ManifestGeneratedTests
{
    private const string Area = "Bad input: manifests";
    private const string File = "datasets.yaml";
    private const string Unknown = "fuzz_unknown";

    // Integers in the demo where the schema takes any number.
    private static readonly string[] s_numbers = ["/environments/python-bookworm/limits/cpus", "/rewards/outcome/resolved", "/rewards/outcome/unresolved"];

    private static readonly (string Kind, Func<JsonNode?> Value)[] s_values =
    [
        ("string", () => "fuzz"), ("integer", () => 7), ("float", () => 0.25), ("boolean", () => true), ("null", () => null),
        ("list", () => new JsonArray("fuzz")), ("mapping", () => new JsonObject { ["fuzz"] = "fuzz" }),
    ];

    [Fact]
    public void Parse_EachDemoValueAsEachOtherType_IsRefusedAtThatValue_UnlessTheFieldTakesThatType()
    {
        var demo = ManifestTrees.Demo();
        var cases = (from node in ManifestTrees.Walk(demo)
                     from value in s_values
                     where value.Kind != ManifestTrees.KindOf(node.Node)
                     select (node.Pointer, value.Kind, value.Value)).ToList();
        using var row = ReliabilityRecord.Start(Area, $"generated from the demo manifest's tree: each of its {ManifestTrees.Walk(demo).Count()} values replaced by a value of each other type (string, integer, float, boolean, null, list, mapping)");
        var accepted = new ConcurrentBag<string>();
        Parallel.ForEach(cases, c =>
        {
            var because = $"{c.Pointer} as {c.Kind}";
            var yaml = YamlWriter.Write(ManifestTrees.With(demo, c.Pointer, c.Value()));
            var result = ManifestLoader.Parse(yaml.Text, File);

            ManifestChecks.WellFormed(result, File, yaml.LineCount, because);
            if (result.Document is null)
            {
                var (first, last) = yaml.LinesOf(c.Pointer);
                ManifestChecks.RefusedAt(result, first, last, because);
            }
            else
            {
                accepted.Add(because);
            }

            row.Case();
        });

        var expected = cases.Where(c => IsFreeForm(c.Pointer) || (c.Kind == "float" && s_numbers.Contains(c.Pointer))).Select(c => $"{c.Pointer} as {c.Kind}");
        accepted.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        row.Passed($"no exception; {cases.Count - accepted.Count} refused with an error at the changed value's file:line:column; "
            + $"the other {accepted.Count} accepted, each one the schema allows: a float for a number ({string.Join(", ", s_numbers)}) or any value in the free-form scaffolds.*.config and models.*.params");
    }

    [Fact]
    public void Parse_AnUnknownKeyInEachDemoMapping_IsRefusedAtThatKey_UnlessTheMappingIsFreeForm()
    {
        var demo = ManifestTrees.Demo();
        List<string> mappings = [JsonPointer.Root, .. ManifestTrees.Walk(demo).Where(n => n.Node is JsonObject).Select(n => n.Pointer)];
        using var row = ReliabilityRecord.Start(Area, $"generated from the demo manifest's tree: an unknown key added to each of its {mappings.Count} mappings");
        var accepted = new ConcurrentBag<string>();
        Parallel.ForEach(mappings, mapping =>
        {
            var pointer = JsonPointer.Append(mapping, Unknown);
            var yaml = YamlWriter.Write(ManifestTrees.With(demo, pointer, "fuzz"));
            var result = ManifestLoader.Parse(yaml.Text, File);

            ManifestChecks.WellFormed(result, File, yaml.LineCount, pointer);
            if (result.Document is null)
            {
                var (first, last) = yaml.LinesOf(pointer);
                ManifestChecks.RefusedAt(result, first, last, pointer);
            }
            else
            {
                accepted.Add(pointer);
            }

            row.Case();
        });

        accepted.Order(StringComparer.Ordinal).ShouldBe(mappings.Select(m => JsonPointer.Append(m, Unknown)).Where(IsFreeForm).Order(StringComparer.Ordinal));
        row.Passed($"no exception; {mappings.Count - accepted.Count} refused with an error at the added key's file:line:column (an unknown key, or a named entry of the wrong type); "
            + $"the other {accepted.Count} accepted: the free-form scaffolds.*.config and models.*.params");
    }

    [Fact]
    public void Parse_EachSchemaKeyOfTheDemoMisspelt_IsRefusedAtThatKey_WithADidYouMean()
    {
        var demo = ManifestTrees.Demo();
        var keys = ManifestTrees.Walk(demo).Select(n => n.Pointer).Where(p => IsSchemaKey(p) && !IsFreeForm(p)).ToList();
        using var row = ReliabilityRecord.Start(Area, $"generated from the demo manifest's tree: each of its {keys.Count} schema keys misspelt (two letters swapped)");
        Parallel.ForEach(keys, pointer =>
        {
            var key = pointer[(pointer.LastIndexOf('/') + 1)..];
            var typo = Misspelt(key);
            var parent = JsonPointer.Parent(pointer);
            var renamed = new JsonObject();
            foreach (var (name, value) in ManifestTrees.Walk(demo).Concat([(JsonPointer.Root, demo)]).Single(n => n.Pointer == parent).Node!.AsObject())
            {
                renamed[name == key ? typo : name] = value?.DeepClone();
            }

            var yaml = YamlWriter.Write(parent == JsonPointer.Root ? renamed : ManifestTrees.With(demo, parent, renamed));
            var result = ManifestLoader.Parse(yaml.Text, File);

            ManifestChecks.WellFormed(result, File, yaml.LineCount, pointer);
            var line = yaml.LinesOf(JsonPointer.Append(parent, typo)).First;
            var error = Single(result, e => e.Line == line && e.Message.StartsWith($"unknown key '{typo}'", StringComparison.Ordinal), $"{pointer} as {typo}");
            error.Hint.ShouldStartWith("did you mean '", Case.Sensitive, $"{pointer} as {typo}");
            row.Case();
        });

        row.Passed("no exception; every one refused with \"unknown key\" at its file:line:column and a \"did you mean\" hint");
    }

    [Fact]
    public void Parse_EachDemoEntryWrittenTwice_IsRefusedAtTheSecondCopy_NamingTheFirst()
    {
        var demo = ManifestTrees.Demo();
        var entries = ManifestTrees.Walk(demo).Select(n => n.Pointer).Where(p => ManifestTrees.Walk(demo).Concat([(JsonPointer.Root, demo)]).Single(n => n.Pointer == JsonPointer.Parent(p)).Node is JsonObject).ToList();
        using var row = ReliabilityRecord.Start(Area, $"generated from the demo manifest's tree: each of its {entries.Count} mapping entries written twice (a duplicate key)");
        Parallel.ForEach(entries, pointer =>
        {
            var yaml = YamlWriter.Write(demo, duplicate: pointer);
            var result = ManifestLoader.Parse(yaml.Text, File);

            ManifestChecks.WellFormed(result, File, yaml.LineCount, pointer);
            var key = pointer[(pointer.LastIndexOf('/') + 1)..];
            var error = Single(result, e => e.Message.StartsWith($"duplicate key '{key}'", StringComparison.Ordinal), pointer);
            error.Line.ShouldBe(yaml.DuplicateLine!.Value, pointer);
            error.Hint.ShouldStartWith($"it is first defined at line {yaml.LinesOf(pointer).First}, ", Case.Sensitive, pointer);
            row.Case();
        });

        row.Passed("no exception; every one refused with \"duplicate key\" at the second copy's file:line:column, the hint naming the first copy's line");
    }

    // Two neighbouring letters swapped (the first pair that differs), as a typing slip does: "kind" -> "knid".
    private static string Misspelt(string key)
    {
        var at = Enumerable.Range(0, key.Length - 1).OrderBy(i => i == 0).First(i => key[i] != key[i + 1]);
        return string.Concat(key[..at], key[(at + 1)..(at + 2)], key[at..(at + 1)], key[(at + 2)..]);
    }

    private static ManifestError Single(ManifestLoadResult result, Func<ManifestError, bool> match, string because)
    {
        var found = result.Errors.Where(match).ToList();
        found.Count.ShouldBe(1, $"{because}:\n{string.Join('\n', result.Errors)}");
        return found[0];
    }

    // Values the schema takes in any form: the scaffold's own config (the agent checks it) and the model's sampling params.
    private static bool IsFreeForm(string pointer) =>
        pointer.StartsWith("/scaffolds/", StringComparison.Ordinal) && pointer.Split('/') is [_, _, _, "config", _, ..]
        || pointer.StartsWith("/models/", StringComparison.Ordinal) && pointer.Split('/') is [_, _, _, "params", _, ..];

    // A key the schema names, rather than a name the user picks (a source, an environment, a split ...).
    private static bool IsSchemaKey(string pointer) =>
        pointer.Split('/') switch
        {
            [_, "sources" or "environments" or "scaffolds" or "models" or "datasets", _] => false,
            [_, "packaging", "splits", "fractions", _] => false,
            var parts => !int.TryParse(parts[^1], out _),
        };
}
