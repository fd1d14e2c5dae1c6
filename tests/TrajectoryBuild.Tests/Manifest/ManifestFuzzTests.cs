using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CsCheck;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Manifest;

/// <summary>
/// Mutated and generated manifests never throw: every input gives a document, or errors that each name the file, a
/// line and a column inside it. The cases are drawn from CsCheck generators with fixed seeds (<see cref="SeededCases"/>),
/// so every run tries the same documents.
/// </summary>
public sealed class ManifestFuzzTests
{
    private const string Area = "Bad input: manifests";
    private const string Alphabet = ":-? \n\t\"'&*[]{},#|>!%@`~a0.\\\u00e9\u0000\u200b\ufeff";
    private const string Located = "a document, or errors each at file:line:column with a message";

    private static readonly Lazy<string> s_demo = new(() => File.ReadAllText(Manifests.DemoPath));

    /// One edit: an operation code, two positions and a character.
    private static readonly Gen<(int Op, int A, int B, char C)> s_edit =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Char[Alphabet]);

    /// The schema's own key names, some names it does not know, and the YAML-significant ones.
    private static readonly Lazy<string[]> s_keys = new(() =>
        [.. SchemaKeys(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema", "datasets.schema.json")))!).Distinct(StringComparer.Ordinal),
            "fuzz", "", " ", "<<", "~", "-", "a: b", "#", "\u00e9", "x\ty"]);

    [Fact]
    public void Parse_MutatedDemoManifest_NeverThrowsAndLocatesEveryError() =>
        ParseMutated(
            "the demo manifest (datasets.yaml) with 1-5 random edits: a character deleted, inserted (YAML punctuation, tab, NUL, BOM, zero-width space) or swapped, a line deleted, swapped or doubled, spaces inserted",
            s_demo.Value,
            "datasets.yaml",
            s_edit.Array[1, 5],
            11);

    [Fact]
    public void Parse_MutatedMinimalManifest_NeverThrowsAndLocatesEveryError() =>
        ParseMutated("the smallest valid manifest with 1-8 random edits (as above)", Manifests.Minimal, "m.yaml", s_edit.Array[1, 8], 12);

    [Fact]
    public void Load_MutatedEnvironmentFile_NeverThrowsAndLocatesEveryError()
    {
        const string Environment = """
            base:
              suite: bookworm
              packages: [python3-pytest, git]
            install:
              - pip install -e .
            test: {command: python -m pytest -rA, parser: pytest, timeout_seconds: 600}
            repos: [example/*]
            limits: {memory: 4g, pids: 512}
            """;
        using var temp = new TempDirectory();
        var manifest = temp.Combine("datasets.yaml");
        var file = temp.Combine("pipelines", "environments", "py.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(manifest, Manifests.Minimal.Replace("sources: [local]", "sources: [local]\n    environments: [py]", StringComparison.Ordinal));
        using var row = ReliabilityRecord.Start(Area, "an environment file (pipelines/environments/py.yaml) with 1-5 random edits (as above), loaded from disk with its manifest");
        var cases = SeededCases.Draw(s_edit.Array[1, 5], 500, 13);
        var refused = 0;

        // One at a time: every case rewrites the same file.
        foreach (var edits in cases)
        {
            var yaml = edits.Aggregate(Environment, Mutate);
            File.WriteAllText(file, yaml);

            var result = ManifestLoader.Load(manifest);

            var lines = Math.Max(ManifestChecks.LineCount(yaml), ManifestChecks.LineCount(File.ReadAllText(manifest)));
            (result.Document is null).ShouldBe(result.Errors.Count > 0, yaml);
            foreach (var error in result.Errors)
            {
                error.File.ShouldBeOneOf(file, manifest);
                error.Line.ShouldBeInRange(1, lines + 1, $"{error}\n{yaml}");
                error.Column.ShouldBeGreaterThanOrEqualTo(1, $"{error}\n{yaml}");
                error.ToString().ShouldStartWith($"{error.File}:{error.Line}:{error.Column}: error: ", Case.Sensitive, yaml);
            }

            Count(row, result, ref refused);
        }

        row.Passed($"no exception; {Located} (the environment file's errors name that file): {refused} refused, {cases.Count - refused} still valid");
    }

    [Fact]
    public void Parse_GeneratedDocuments_NeverThrowAndLocateEveryError()
    {
        using var row = ReliabilityRecord.Start(Area, "generated YAML documents: random trees (up to 5 deep) of the schema's own keys and odd ones ('<<', '~', '', 'a: b', tabs), strings, integers, floats, booleans and nulls, written block-style or as one-line JSON");
        var cases = SeededCases.Draw(Gen.Select(Tree(), Gen.Bool), 2000, 14);
        var refused = 0;

        SeededCases.Run(cases, c =>
        {
            var (tree, flow) = c;
            var yaml = flow ? tree.ToJsonString() : YamlWriter.Write(tree).Text;

            var result = ManifestLoader.Parse(yaml, "gen.yaml");

            ManifestChecks.WellFormed(result, "gen.yaml", ManifestChecks.LineCount(yaml), yaml);
            Count(row, result, ref refused);
        }, c => c.Item1.ToJsonString());

        refused.ShouldBeGreaterThan(cases.Count / 2, "most random documents break the schema somewhere");
        row.Passed($"no exception; {Located}: {refused} refused, {cases.Count - refused} valid");
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrows()
    {
        using var row = ReliabilityRecord.Start(Area, "random byte strings (0-64 bytes) decoded as a manifest file");
        var cases = SeededCases.Draw(Gen.Byte.Array[0, 64], 2000, 15);
        var refused = 0;

        SeededCases.Run(cases, bytes =>
        {
            var (text, error) = ManifestFile.Decode(bytes, "m.yaml");

            (text is null).ShouldBe(error is not null);
            if (error is not null)
            {
                error.Line.ShouldBeGreaterThanOrEqualTo(1);
                error.ToString().ShouldStartWith($"m.yaml:{error.Line}:{error.Column}: error: the manifest is not valid UTF-8 (byte 0x");
                Interlocked.Increment(ref refused);
            }

            row.Case();
        }, bytes => Convert.ToHexString(bytes));

        row.Passed($"no exception; {refused} refused as not UTF-8 at file:line:column naming the byte, the other {cases.Count - refused} decoded");
    }

    // 3000 seeded edit lists applied to one text, each parsed: the row is the calling test's.
    private static void ParseMutated(string fault, string text, string file, Gen<(int Op, int A, int B, char C)[]> edits, ulong seed, [CallerFilePath] string source = "", [CallerMemberName] string test = "")
    {
        using var row = ReliabilityRecord.Start(Area, fault, source, test);
        var cases = SeededCases.Draw(edits, 3000, seed);
        var refused = 0;

        SeededCases.Run(cases, edits =>
        {
            var yaml = edits.Aggregate(text, Mutate);

            var result = ManifestLoader.Parse(yaml, file);

            ManifestChecks.WellFormed(result, file, ManifestChecks.LineCount(yaml), yaml);
            Count(row, result, ref refused);
        }, Print);

        row.Passed($"no exception; {Located}: {refused} refused, {cases.Count - refused} still valid");
    }

    private static void Count(ReliabilityRecord row, ManifestLoadResult result, ref int refused)
    {
        if (result.Document is null)
        {
            Interlocked.Increment(ref refused);
        }

        row.Case();
    }

    private static string Print<T>(T[] edits) => string.Join(", ", edits);

    // A random mapping of the schema's keys (and odd ones) to scalars, lists and mappings.
    private static Gen<JsonObject> Tree()
    {
        var key = Gen.Int[0, int.MaxValue].Select(i => s_keys.Value[i % s_keys.Value.Length]);
        var scalar = Gen.OneOf(
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            key.Select(k => (JsonNode?)JsonValue.Create(k)),
            Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const<JsonNode?>(() => null));
        var node = Gen.Recursive<JsonNode?>((depth, self) => depth >= 5
            ? scalar
            : Gen.Frequency(
                (3, scalar),
                (1, self.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
                (2, Gen.Select(key, self).Array[0, 5].Select(entries => (JsonNode?)Mapping(entries)))));
        return Gen.Select(key, node).Array[0, 8].Select(Mapping);
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

    private static IEnumerable<string> SchemaKeys(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "properties" && p.Value is JsonObject properties
            ? properties.Select(q => q.Key).Concat(properties.SelectMany(q => SchemaKeys(q.Value!)))
            : p.Value is null ? [] : SchemaKeys(p.Value)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(SchemaKeys),
        _ => [],
    };

    private static string Mutate(string text, (int Op, int A, int B, char C) edit)
    {
        var lines = text.Split('\n').ToList();
        var i = text.Length == 0 ? 0 : edit.A % text.Length;
        var (l1, l2) = (edit.A % lines.Count, edit.B % lines.Count);
        return edit.Op switch
        {
            0 when text.Length > 0 => text.Remove(i, 1),
            1 => text.Insert(i, edit.C.ToString()),
            2 when text.Length > 1 => Swap(text, i, edit.B % text.Length),
            3 => string.Join('\n', lines.Where((_, n) => n != l1)),
            4 => string.Join('\n', lines.Select((line, n) => n == l1 ? lines[l2] : n == l2 ? lines[l1] : line)),
            5 => string.Join('\n', lines.SelectMany((line, n) => n == l1 ? new[] { line, line } : [line])),
            _ => text.Insert(i, new string(' ', 1 + (edit.B % 4))),
        };
    }

    private static string Swap(string text, int a, int b)
    {
        var chars = text.ToCharArray();
        (chars[a], chars[b]) = (chars[b], chars[a]);
        return new string(chars);
    }
}
