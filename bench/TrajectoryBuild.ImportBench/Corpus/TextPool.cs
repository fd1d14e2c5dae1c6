using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// The raw material of the corpus: every line of every string in the real samples (tests/.../Data), and the commands
/// found in them. Texts of any size are made by drawing lines, with unicode and escape-heavy fragments mixed in.
/// </summary>
internal sealed partial class TextPool
{
    // Fragments real terminals and models produce that stress JSON escaping and UTF-8: quotes, backslashes, tabs, CRLF,
    // ANSI colour codes, other control characters, accents, CJK, Greek, math, emoji (surrogate pairs).
    private static readonly string[] s_fragments =
    [
        "\"quoted\" and 'single'", "C:\\Users\\dev\\repo\\src\\file.py", "col1\tcol2\tcol3", "line ending\r\n",
        "\u001b[31mFAILED\u001b[0m", "\u001b[1;32mPASSED\u001b[0m", "bell\u0007 and form\u000cfeed", "café naïve façade",
        "日本語のテキストと中文字符", "Ελληνικά κείμενα", "∑ x² ≤ ∞ → ✓", "emoji 🚀✅🐍", "non\u00a0breaking", "</script><b>&amp;</b>",
        "path/with/üñíçødé/ファイル.py", "{\"json\": [1, 2.5, null, true], \"nested\": {\"k\": \"v\\n\"}}",
    ];

    private readonly string[] _lines;
    private readonly string[] _commands;

    private TextPool(string[] lines, string[] commands)
    {
        _lines = lines;
        _commands = commands;
    }

    public static TextPool Load(IEnumerable<string> sampleFiles)
    {
        ArgumentNullException.ThrowIfNull(sampleFiles);
        var strings = new List<string>();
        foreach (var file in sampleFiles.Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal))
            {
                strings.Add(File.ReadAllText(file));
                continue;
            }

            var documents = file.EndsWith(".jsonl", StringComparison.Ordinal)
                ? File.ReadLines(file).Where(l => l.Trim().Length > 0)
                : [File.ReadAllText(file)];
            foreach (var text in documents)
            {
                using var document = JsonDocument.Parse(text);
                Collect(document.RootElement, strings);
            }
        }

        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var commands = new List<string>();
        foreach (var text in strings)
        {
            foreach (var line in text.Split('\n'))
            {
                var trimmed = line.TrimEnd('\r');
                if (trimmed.Length > 0 && !trimmed.Contains("```", StringComparison.Ordinal) && seen.Add(trimmed))
                {
                    lines.Add(trimmed);
                }
            }

            foreach (Match match in FencedBlock().Matches(text))
            {
                var command = match.Groups[1].Value.Trim();
                if (command.Length is > 0 and < 400 && !command.Contains("```", StringComparison.Ordinal))
                {
                    commands.Add(command);
                }
            }
        }

        return lines.Count == 0 || commands.Count == 0
            ? throw new ImportBenchFailedException("the sample trajectories gave no text: is tests/TrajectoryBuild.Trajectories.Tests/Data there?")
            : new TextPool([.. lines], [.. commands.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>About <paramref name="length"/> characters of text: sample lines, sometimes a special fragment.</summary>
    public string Text(Rng rng, int length)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var builder = new StringBuilder(length + 256);
        while (builder.Length < length)
        {
            builder.Append(rng.Chance(0.08) ? rng.Pick(s_fragments) : rng.Pick(_lines)).Append('\n');
        }

        var end = Math.Max(1, length);
        if (char.IsHighSurrogate(builder[end - 1]))
        {
            end--;
        }

        return builder.ToString(0, end);
    }

    /// <summary>One line of text (no newline), at most <paramref name="maxLength"/> characters.</summary>
    public string Line(Rng rng, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var line = rng.Chance(0.1) ? rng.Pick(s_fragments) : rng.Pick(_lines);
        var end = Math.Min(line.Length, maxLength);
        return end > 0 && char.IsHighSurrogate(line[end - 1]) ? line[..(end - 1)] : line[..end];
    }

    /// <summary>A shell command from the samples, sometimes with a special fragment as an argument.</summary>
    public string Command(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var command = rng.Pick(_commands);
        return rng.Chance(0.15) ? $"{command} && echo '{rng.Pick(s_fragments).Replace("'", "", StringComparison.Ordinal)}'" : command;
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"```[a-z_]*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
