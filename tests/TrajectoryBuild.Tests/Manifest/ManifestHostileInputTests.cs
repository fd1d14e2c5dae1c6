using System.Diagnostics;
using System.Text;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Manifest;

/// <summary>
/// Manifests built to hurt the reader: alias bombs, nesting deeper than any manifest needs, huge documents, and files
/// whose bytes are not clean UTF-8 (invalid sequences, a byte order mark, NUL bytes, UTF-16). Each is refused with an
/// error at file:line:column, or read, in bounded time and memory; none throws.
/// </summary>
public sealed class ManifestHostileInputTests : IDisposable
{
    private const string Area = "Bad input: manifests";
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Parse_AliasBombsAndDeepNesting_AreRefusedAtALine_QuicklyAndWithoutThrowing()
    {
        using var row = ReliabilityRecord.Start(Area, "alias bombs (\"billion laughs\" expanding to 3^4, 10^5, 10^6 and 10^12 copies), an alias of its own anchor, an unknown alias, a merge key; nesting 65, 1,000 and 100,000 levels deep in flow style, 65 and 1,000 in block style");
        List<(string Name, string Yaml, string Expected)> cases = [];
        foreach (var (fanOut, levels) in new[] { (3, 4), (10, 5), (10, 6), (10, 12) })
        {
            // The anchor of level l holds (f^(l+1) - 1) / (f - 1) nodes; the document holds every level's.
            var nodes = Enumerable.Range(0, levels + 1).Sum(l => (Math.Pow(fanOut, l + 1) - 1) / (fanOut - 1));
            cases.Add(($"laughs {fanOut}^{levels}", Laughs(fanOut, levels), nodes > 1_000_000 ? "expands to more than 1000000 nodes" : "unknown key"));
        }

        cases.Add(("self alias", "version: 1\na: &a [1, *a]\n", "unknown alias '*a'"));
        cases.Add(("unknown alias", "version: 1\nsources: *nowhere\n", "unknown alias '*nowhere'"));
        cases.Add(("merge key", "version: 1\nbase: &b {kind: local}\nsources:\n  s:\n    <<: *b\n    path: x\n", "unknown key '<<'"));
        foreach (var depth in new[] { 65, 1000, 100_000 })
        {
            cases.Add(($"flow {depth}", "version: 1\nx: " + new string('[', depth) + new string(']', depth) + "\n", "nests more than 64 levels deep"));
            if (depth <= 1000)
            {
                // Block style indents each level one more space: 100,000 levels would be a 5 GB file.
                cases.Add(($"block {depth}", BlockNesting(depth), "nests more than 64 levels deep"));
            }
        }

        foreach (var (name, yaml, expected) in cases)
        {
            var result = ParseWithinBudget(name, yaml);

            result.Errors.ShouldContain(e => e.Message.Contains(expected, StringComparison.Ordinal), $"{name}:\n{string.Join('\n', result.Errors)}");
            row.Case();
        }

        row.Passed($"no exception, each in under {s_budget.TotalSeconds:0} s: bombs past 10^6 nodes refused (\"expands to more than 1000000 nodes\"), smaller ones read and refused for their unknown keys; "
            + "self and unknown aliases refused (\"unknown alias\"), merge keys refused (\"unknown key '<<'\"), nesting past 64 levels refused (\"nests more than 64 levels deep\"); each error at file:line:column");
    }

    [Fact]
    public void Parse_HugeDocuments_AreReadOrRefusedAtALine_QuicklyAndWithoutThrowing()
    {
        using var row = ReliabilityRecord.Start(Area, "huge manifests: a 4 MB description, a 1 MB key, 2,000 sources, a 100,000-line comment, a 2 MB line with an unclosed quote");
        var demo = File.ReadAllText(Manifests.DemoPath);
        var description = "    description: The embedded demo, built offline in a few minutes.";
        demo.ShouldContain(description);
        var sources = demo.Replace("sources:\n  demo-local:", "sources:\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"  s{i}: {{kind: local, path: p{i}}}\n")) + "  demo-local:", StringComparison.Ordinal);

        // Valid ones must come through whole; the others must say why.
        (string Name, string Yaml, Func<ManifestLoadResult, bool> Expected)[] cases =
        [
            ("4 MB description", demo.Replace(description, "    description: " + new string('x', 4 << 20), StringComparison.Ordinal), r => r.Document?.Root["datasets"]!["demo"]!["description"]!.GetValue<string>().Length == 4 << 20),
            ("1 MB key", demo + new string('k', 1 << 20) + ": 1\n", r => r.Errors.Any(e => e.Message.StartsWith("YAML syntax error", StringComparison.Ordinal))),
            ("2,000 sources", sources, r => r.Document?.Root["sources"]!.AsObject().Count == 2_001),
            ("100,000-line comment", demo + string.Concat(Enumerable.Repeat("# comment\n", 100_000)), r => r.Document is not null),
            ("2 MB unclosed quote", demo + "epoch: \"" + new string('x', 2 << 20) + "\n", r => r.Errors.Any(e => e.Message.StartsWith("YAML syntax error", StringComparison.Ordinal))),
        ];
        foreach (var (name, yaml, expected) in cases)
        {
            var result = ParseWithinBudget(name, yaml);

            expected(result).ShouldBeTrue($"{name}: {string.Join('\n', result.Errors.Take(3)).Replace(new string('k', 1000), "k...", StringComparison.Ordinal)}");
            row.Case();
        }

        row.Passed($"no exception, each in under {s_budget.TotalSeconds:0} s: the valid ones (4 MB string, 2,000 sources, 100,000 comment lines) read whole; "
            + "the 1 MB key (YAML allows 1024 characters in a plain key) and the unclosed quote refused as YAML syntax errors at file:line:column");
    }

    [Fact]
    public void Load_BytesThatAreNotCleanUtf8_AreRefusedAtTheirLineAndColumn_OrReadWhenHarmless()
    {
        using var row = ReliabilityRecord.Start(Area, "the demo manifest's file with invalid UTF-8 inserted at 60 seeded places (a lone 0xFF, a cut 2-byte sequence, a surrogate, an overlong '/', a code point past U+10FFFF), control characters at 60 (NUL, U+0001, ESC, DEL, U+0080, U+FFFE), a BOM at the start and inside a value, saved as UTF-16");
        var demo = File.ReadAllBytes(Manifests.DemoPath);
        var random = new Random(20261124);
        (byte[] Bytes, string Message)[] inserts =
        [
            ([0xFF], "is not valid UTF-8 (byte 0xFF)"), ([0xC3], "is not valid UTF-8 (byte 0xC3)"), ([0xED, 0xA0, 0x80], "is not valid UTF-8 (byte 0xED)"),
            ([0xC0, 0xAF], "is not valid UTF-8 (byte 0xC0)"), ([0xF4, 0x90, 0x80, 0x80], "is not valid UTF-8 (byte 0xF4)"),
            ([0x00], "contains a NUL character (U+0000)"), ([0x01], "contains the control character U+0001"), ([0x1B], "contains the control character U+001B"),
            ([0x7F], "contains the control character U+007F"), ([0xC2, 0x80], "contains the control character U+0080"), ([0xEF, 0xBF, 0xBE], "contains the control character U+FFFE"),
        ];
        for (var n = 0; n < 120; n++)
        {
            var (bytes, message) = inserts[n < 60 ? n % 5 : 5 + (n % 6)];
            var at = random.Next(demo.Length + 1);
            var result = LoadBytes($"insert-{n}", [.. demo[..at], .. bytes, .. demo[at..]], out var file);

            // Where an editor shows the bad byte: its line, and the characters before it on that line, plus one.
            var before = demo[..at];
            var line = before.Count(b => b == (byte)'\n') + 1;
            var column = Encoding.UTF8.GetCharCount(before[(Array.LastIndexOf(before, (byte)'\n') + 1)..]) + 1;
            result.Errors.ShouldHaveSingleItem().ToString().ShouldStartWith($"{file}:{line}:{column}: error: the manifest {message}");
            row.Case();
        }

        var bom = LoadBytes("bom", [0xEF, 0xBB, 0xBF, .. demo], out _);
        bom.Errors.ShouldBeEmpty("a BOM at the start is allowed");
        row.Case();
        var inner = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(demo).Replace("description: The", "description: \uFEFFThe", StringComparison.Ordinal));
        var innerBom = LoadBytes("inner-bom", inner, out _);
        innerBom.Errors.ShouldBeEmpty("YAML allows U+FEFF inside a value");
        innerBom.Document!.Root["datasets"]!["demo"]!["description"]!.GetValue<string>().ShouldStartWith("\uFEFFThe");
        row.Case();
        var utf16 = LoadBytes("utf16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(demo))], out var utf16File);
        utf16.Errors.ShouldHaveSingleItem().ToString().ShouldStartWith($"{utf16File}:1:1: error: the manifest is not valid UTF-8 (byte 0xFF)");
        row.Case();

        row.Passed("no exception; every invalid sequence refused with \"not valid UTF-8 (byte 0x..)\", every control character with \"contains a NUL character\" or \"the control character U+....\", "
            + "each as the only error, at the exact file:line:column of the bad byte; a leading BOM is skipped and one inside a value kept (YAML allows both); UTF-16 refused at 1:1");
    }

    private static ManifestLoadResult ParseWithinBudget(string name, string yaml)
    {
        var clock = Stopwatch.StartNew();
        var result = ManifestLoader.Parse(yaml, "hostile.yaml");

        clock.Elapsed.ShouldBeLessThan(s_budget, name);
        ManifestChecks.WellFormed(result, "hostile.yaml", ManifestChecks.LineCount(yaml), name);
        return result;
    }

    private ManifestLoadResult LoadBytes(string name, byte[] bytes, out string file)
    {
        file = _temp.Combine(name, "datasets.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        return ManifestLoader.Load(file);
    }

    private static string Laughs(int fanOut, int levels)
    {
        var yaml = new StringBuilder("version: 1\nl0: &l0 \"lol\"\n");
        for (var level = 1; level <= levels; level++)
        {
            yaml.Append($"l{level}: &l{level} [").AppendJoin(", ", Enumerable.Repeat($"*l{level - 1}", fanOut)).Append("]\n");
        }

        return yaml.ToString();
    }

    private static string BlockNesting(int depth)
    {
        var yaml = new StringBuilder("version: 1\n");
        for (var level = 0; level < depth; level++)
        {
            yaml.Append(' ', level).Append("k:\n");
        }

        return yaml.Append(' ', depth).Append("v: 1\n").ToString();
    }
}
