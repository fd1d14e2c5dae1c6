using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// <summary>
/// Bad input at the import door: every real sample of every format, mutated (truncated, invalid UTF-8, random bytes,
/// values of the wrong type, huge strings, deep nesting), seeded so a failure reproduces. No mutation may escape as an
/// exception: each file gives trajectories that validate, or quarantines that name the file, a position and a reason;
/// and the untouched sample imported in the same run still gives all its trajectories.
/// </summary>
public sealed class ImportFuzzTests
{
    public static TheoryData<string, string> Samples() => new()
    {
        { "swe-agent", "B_sweagent_function_calling_simple_demo.traj" },
        { "mini-swe-agent", "B_minisweagent_local_legacy.traj.json" },
        { "nebius-swe-agent", "B_nebius_swe_agent_trajectories_row.json" },
        { "nebius-swe-agent", "B_nebius_swe_agent_trajectories_row_repr.jsonl" },
        { "openhands", "B_openhands_trajectory_basic_interactions.json" },
        { "openhands", "F_openhands_output.jsonl" },
        { "openhands-v1", "F_openhands_v1_events.json" },
        { "nebius-openhands", "F_nebius_openhands_rows.jsonl" },
        { "swe-gym", "F_swe_gym_rows.jsonl" },
        { "swe-smith", "B_swesmith_ft_xml_example_excerpt.jsonl" },
        { "aider", "B_aider_chat_history_excerpt.md" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task MutatedSamples_AreImportedOrQuarantinedWithAReason_NeverThrow_AndTheValidSampleIsKept(string format, string sample)
    {
        using var temp = new TempDirectory();
        using var row = ReliabilityRecord.Start("Bad input: trajectory files", $"{format} ({sample}) mutated: truncated, invalid UTF-8, random bytes, values of the wrong type, 8 MB strings, deep nesting, unpaired surrogate escapes; one file at a time and all in one parallel run");
        var importer = TrajectoryImporters.All.Single(i => i.Format == format);
        var original = File.ReadAllBytes(TestData.PathOf(sample));
        var expected = Imports.Valid(importer, TestData.Source(sample)).Count;
        var files = new List<ImportFile> { new(TestData.PathOf(sample), sample) };
        var quarantined = 0;
        foreach (var (name, bytes) in Mutations(original, sample))
        {
            var path = Path.Combine(temp.Path, name, sample);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
            files.Add(new ImportFile(path, $"{name}/{sample}"));

            // One file at a time, as the Capture stage reads them: nothing escapes, every result is usable.
            row.Case();
            var results = Imports.Run(importer, TestData.SourceAt(path));
            foreach (var result in results)
            {
                CheckResult(result, name);
            }

            quarantined += results.OfType<Quarantined>().Count();
        }

        // All of them in one parallel run, as `trajbuild import` reads them: the valid sample comes through whole.
        var imported = new List<Trajectory>();
        var run = new ImportRun(
            importer,
            t =>
            {
                if (t.Provenance.SourceFile == sample)
                {
                    lock (imported)
                    {
                        imported.Add(t);
                    }
                }

                return t;
            },
            (_, _) => ValueTask.CompletedTask,
            (bad, _) =>
            {
                CheckResult(bad, bad.File);
                return ValueTask.CompletedTask;
            })
        { Scaffold = "fuzz", BatchBytes = 256 };
        var totals = await ImportRunner.RunAsync(run, files, TestContext.Current.CancellationToken);

        imported.Count.ShouldBe(expected);
        totals.Quarantined.ShouldBe(quarantined);
        if (format != "aider")
        {
            // Markdown has no syntax to break: a truncated or garbled chat is still a chat.
            quarantined.ShouldBeGreaterThan(files.Count / 2);
        }

        row.Passed($"no exception; {quarantined} quarantined with file, position and reason, the rest valid against the schema; the untouched sample kept whole ({expected} trajectories)");
    }

    private static void CheckResult(ImportResult result, string mutation)
    {
        switch (result)
        {
            case Imported imported:
                TrajectorySchema.Validate(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(imported.Trajectory))).ShouldBeEmpty(mutation);
                break;
            case Quarantined quarantined:
                quarantined.File.ShouldNotBeNullOrWhiteSpace(mutation);
                quarantined.Position.ShouldNotBeNull(mutation);
                quarantined.Reason.ShouldNotBeNullOrWhiteSpace(mutation);
                break;
            default:
                throw new ShouldAssertException($"{mutation}: unexpected result {result}");
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Mutations(byte[] original, string sample)
    {
        var random = new Random(StableSeed(sample));
        for (var n = 0; n < 20; n++)
        {
            yield return ($"truncated-{n}", original[..random.Next(0, original.Length)]);
        }

        byte[][] invalidUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80]];
        for (var n = 0; n < 10; n++)
        {
            var at = random.Next(0, original.Length);
            yield return ($"invalid-utf8-{n}", [.. original[..at], .. invalidUtf8[n % invalidUtf8.Length], .. original[at..]]);
        }

        for (var n = 0; n < 10; n++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            yield return ($"random-bytes-{n}", bytes);
        }

        if (sample.EndsWith(".md", StringComparison.Ordinal))
        {
            yield return ("huge-line", [.. original, .. Encoding.UTF8.GetBytes(new string('x', 8 << 20))]);
            yield break;
        }

        foreach (var mutation in ValueMutations(original, sample, random))
        {
            yield return mutation;
        }
    }

    // Replaces one value of the first record with another kind, a huge string or deep nesting.
    private static IEnumerable<(string Name, byte[] Bytes)> ValueMutations(byte[] original, string sample, Random random)
    {
        var lines = sample.EndsWith(".jsonl", StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(original);
        var record = lines ? text.Split('\n')[0] : text;
        var rest = lines ? text[record.Length..] : "";
        string[] replacements = ["42", "true", "null", "\"text\"", "\"lone \\ud800 surrogate\"", "[]", "{}", "\"" + new string('y', 8 << 20) + "\"", new string('[', 5000) + new string(']', 5000), "[{\"a\": " + new string('[', 300) + new string(']', 300) + "}]"];
        for (var n = 0; n < 20; n++)
        {
            var root = JsonNode.Parse(record)!;
            var values = Descendants(root).ToList();
            var target = values[random.Next(values.Count)];
            const string Placeholder = "\u0001fuzz\u0001";
            if (!Replace(target, Placeholder))
            {
                continue;
            }

            var replacement = replacements[n % replacements.Length];
            var mutated = root.ToJsonString().Replace("\"\\u0001fuzz\\u0001\"", replacement, StringComparison.Ordinal);
            yield return ($"value-{n}", Encoding.UTF8.GetBytes(mutated + rest));
        }

        // A Python-literal trajectory nested far deeper than any parser stack should follow.
        yield return ("deep-literal", Encoding.UTF8.GetBytes($$"""{"instance_id": "a", "trajectory": "{{new string('[', 100_000)}}"}""" + "\n"));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var inner in Descendants(child))
            {
                yield return inner;
            }
        }
    }

    private static bool Replace(JsonNode target, string placeholder)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = placeholder;
                return true;
            case JsonArray parent:
                parent[target.GetElementIndex()] = placeholder;
                return true;
            default:
                return false;
        }
    }

    private static int StableSeed(string text) => text.Aggregate(17, (seed, c) => unchecked((seed * 31) + c));
}
