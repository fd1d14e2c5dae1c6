using System.Globalization;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.MacroBench.Inputs;

/// <summary>
/// A synthetic SWE-bench style task file (JSON Lines) of realistic shape: instance id, repository (one of 500), a
/// 40-hex commit, a problem statement, gold and test patches, FAIL_TO_PASS / PASS_TO_PASS lists and a version, about
/// 1 KB a row. Seeded (SplitMix64): the same count always gives the same bytes.
/// </summary>
internal static class TaskFile
{
    public const int GeneratorVersion = 1;

    private const ulong Seed = 0x62656E63685F7461UL;
    private const int Repos = 500;

    private static readonly string[] s_words =
    [
        "the", "parser", "fails", "when", "a", "value", "is", "empty", "returns", "None", "instead", "of", "raising", "error",
        "TypeError", "config", "option", "ignored", "on", "Windows", "regression", "since", "version", "timezone", "offset",
        "unicode", "path", "cache", "invalidated", "test", "expected", "actual", "traceback", "line", "module", "call",
    ];

    private static readonly JsonWriterOptions s_options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The instance id of task <paramref name="index"/>.</summary>
    public static string InstanceId(int index) => string.Create(CultureInfo.InvariantCulture, $"{Owner(index % Repos)}__{Name(index % Repos)}-{index + 1}");

    /// <summary>The task that <see cref="WriteChanged"/> changes: the middle one.</summary>
    public static int ChangedIndex(int count) => count / 2;

    /// <summary>Writes <paramref name="count"/> rows to <paramref name="path"/>.</summary>
    public static void Write(string path, int count) => Write(path, count, changed: -1);

    /// <summary>The same rows, with task <see cref="ChangedIndex"/> at another base commit.</summary>
    public static void WriteChanged(string path, int count) => Write(path, count, ChangedIndex(count));

    private static void Write(string path, int count, int changed)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(stream, s_options);
        for (var i = 0; i < count; i++)
        {
            WriteRow(writer, i, i == changed);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    private static void WriteRow(Utf8JsonWriter writer, int index, bool changed)
    {
        var rng = new SplitMix64(SplitMix64.Mix(Seed ^ (ulong)index));
        var repo = index % Repos;
        var commit = Hex(rng);
        if (changed)
        {
            commit = Hex(new SplitMix64(SplitMix64.Mix(~Seed ^ (ulong)index)));
        }

        var file = $"src/{Name(repo)}/{s_words[rng.Next(s_words.Length)]}.py";
        var test = $"tests/test_{s_words[rng.Next(s_words.Length)]}.py";
        writer.WriteStartObject();
        writer.WriteString("instance_id", InstanceId(index));
        writer.WriteString("repo", $"{Owner(repo)}/{Name(repo)}");
        writer.WriteString("base_commit", commit);
        writer.WriteString("problem_statement", Sentence(rng, 30 + rng.Next(90)));
        writer.WriteString("patch", Patch(rng, file));
        writer.WriteString("test_patch", Patch(rng, test));
        writer.WriteStartArray("FAIL_TO_PASS");
        writer.WriteStringValue($"{test}::test_{s_words[rng.Next(s_words.Length)]}");
        writer.WriteEndArray();
        writer.WriteStartArray("PASS_TO_PASS");
        for (var i = rng.Next(4); i >= 0; i--)
        {
            writer.WriteStringValue($"{test}::test_{s_words[rng.Next(s_words.Length)]}_{i}");
        }

        writer.WriteEndArray();
        writer.WriteString("version", string.Create(CultureInfo.InvariantCulture, $"{1 + rng.Next(5)}.{rng.Next(20)}"));
        writer.WriteEndObject();
    }

    private static string Patch(SplitMix64 rng, string file)
    {
        var line = 1 + rng.Next(400);
        return string.Create(CultureInfo.InvariantCulture,
            $"diff --git a/{file} b/{file}\n--- a/{file}\n+++ b/{file}\n@@ -{line},3 +{line},3 @@\n {Sentence(rng, 4)}\n-{Sentence(rng, 6)}\n+{Sentence(rng, 6)}\n {Sentence(rng, 4)}\n");
    }

    private static string Sentence(SplitMix64 rng, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(s_words[rng.Next(s_words.Length)]);
        }

        return text.ToString();
    }

    private static string Hex(SplitMix64 rng) =>
        string.Create(CultureInfo.InvariantCulture, $"{rng.Next():x16}{rng.Next():x16}{rng.Next() & 0xFFFFFFFF:x8}");

    private static string Owner(int repo) => string.Create(CultureInfo.InvariantCulture, $"org{repo % 97}");

    private static string Name(int repo) => string.Create(CultureInfo.InvariantCulture, $"project{repo}");
}
