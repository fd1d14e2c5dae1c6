using System.Text;

namespace Build.Workflows.Yaml;

/// <summary>
/// Writes a <see cref="YamlMap"/> as block-style YAML: two-space indents, sequences indented under their key, multi-line
/// strings as literal blocks, and a string quoted only where plain text would read as something else (a number, a
/// boolean, a comment, a mapping). The same model always gives the same bytes.
/// </summary>
internal static class YamlWriter
{
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    private static readonly string[] s_otherTypes = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan"];

    public static string Write(YamlMap document, IEnumerable<string> headerComments)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(headerComments);
        var text = new StringBuilder();
        foreach (var line in headerComments)
        {
            text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        WriteMap(text, document, 0, firstHead: null);
        return text.ToString();
    }

    // A map's entries at `indent`; inside a sequence the first entry shares the line of the dash (`firstHead`).
    private static void WriteMap(StringBuilder text, YamlMap map, int indent, string? firstHead)
    {
        for (var i = 0; i < map.Entries.Count; i++)
        {
            if (map.Spaced && i > 0)
            {
                text.Append('\n');
            }

            var (key, value) = map.Entries[i];
            var head = (i == 0 && firstHead is not null ? firstHead : new string(' ', indent)) + Key(key) + ":";
            WriteValue(text, head, value, indent + 2);
        }
    }

    private static void WriteSequence(StringBuilder text, YamlSequence sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            var dash = new string(' ', indent) + "-";
            if (item is YamlMap { Entries.Count: > 0 } map)
            {
                WriteMap(text, map, indent + 2, firstHead: dash + " ");
            }
            else
            {
                WriteValue(text, dash, item, indent + 2);
            }
        }
    }

    // `head` is the first line up to its colon or dash; nested block content goes at `indent`.
    private static void WriteValue(StringBuilder text, string head, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar { IsString: true } scalar when scalar.Text.Contains('\n', StringComparison.Ordinal):
                WriteLiteral(text, head, scalar, indent);
                break;
            case YamlScalar scalar:
                text.Append(head).Append(' ').Append(scalar.IsString ? Quote(scalar.Text) : scalar.Text);
                if (scalar.Comment is { } comment)
                {
                    text.Append(" # ").Append(comment);
                }

                text.Append('\n');
                break;
            case YamlMap { Entries.Count: 0 }:
                text.Append(head).Append(" {}\n");
                break;
            case YamlMap map:
                text.Append(head).Append('\n');
                WriteMap(text, map, indent, firstHead: null);
                break;
            case YamlSequence { Items.Count: 0 }:
                text.Append(head).Append(" []\n");
                break;
            case YamlSequence sequence:
                text.Append(head).Append('\n');
                WriteSequence(text, sequence, indent);
                break;
            default:
                throw new InvalidOperationException($"unknown YAML node {value.GetType().Name}");
        }
    }

    // `|` keeps the lines as they are and ends the string with one newline.
    private static void WriteLiteral(StringBuilder text, string head, YamlScalar scalar, int indent)
    {
        var lines = scalar.Text.TrimEnd('\n').Split('\n');
        if (lines[0].StartsWith(' ') || lines.Any(l => l.EndsWith(' ') || l.Contains('\t', StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"a literal block may not start with a space or hold trailing spaces or tabs: {lines[0]}");
        }

        text.Append(head).Append(" |\n");
        foreach (var line in lines)
        {
            text.Append(line.Length == 0 ? string.Empty : new string(' ', indent) + line).Append('\n');
        }
    }

    // Keys are names (`runs-on`, `on`, `TRAJBUILD_CACHE_URL`): plain, whatever YAML 1.1 thinks of `on`.
    private static string Key(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            ? key
            : throw new InvalidOperationException($"not a plain key: '{key}'");

    private static string Quote(string text) => IsPlain(text) ? text : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    // Plain only when a YAML parser reads back this exact string: no leading indicator, no ": " or " #", nothing that
    // resolves to a boolean, null or number.
    private static bool IsPlain(string text) =>
        text.Length > 0
        && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1])
        && !Indicators.Contains(text[0], StringComparison.Ordinal)
        && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal) && !text.EndsWith(':')
        && !text.Any(char.IsControl)
        && !s_otherTypes.Contains(text.ToLowerInvariant())
        && !char.IsAsciiDigit(text[0])
        && !(text.Length > 1 && text[0] is '+' or '.' && char.IsAsciiDigit(text[1]));
}
