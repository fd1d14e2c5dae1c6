using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.Tests.Manifest;

/// <summary>
/// Writes a JSON tree as block-style YAML and remembers the lines each node takes, so a test that generates a document
/// knows where the reader must place an error about any part of it. Keys and strings are double-quoted (a JSON string is
/// a valid YAML double-quoted scalar); one entry can be written twice, to make a duplicate key.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, (int First, int Last)> _lines = new(StringComparer.Ordinal);
    private readonly string? _duplicate;
    private int _line = 1;

    private YamlWriter(string? duplicate) => _duplicate = duplicate;

    /// <summary>The YAML text.</summary>
    public string Text => _text.ToString();

    /// <summary>The line of the last line written (the document's length in lines).</summary>
    public int LineCount => _line - 1;

    /// <summary>The line where the second copy of the duplicated entry starts, when one was asked for.</summary>
    public int? DuplicateLine { get; private set; }

    /// <summary>Writes <paramref name="root"/>; <paramref name="duplicate"/> names (by JSON pointer) a mapping entry to write twice.</summary>
    public static YamlWriter Write(JsonObject root, string? duplicate = null)
    {
        var writer = new YamlWriter(duplicate);
        writer.Mapping(root, 0, JsonPointer.Root);
        return writer;
    }

    /// <summary>The first and last line of the node at <paramref name="pointer"/> (from its key or '-' on).</summary>
    public (int First, int Last) LinesOf(string pointer) => _lines[pointer];

    /// <summary>Every pointer written, in document order.</summary>
    public IEnumerable<string> Pointers => _lines.Keys;

    private void Mapping(JsonObject mapping, int indent, string pointer)
    {
        foreach (var (key, value) in mapping)
        {
            var child = JsonPointer.Append(pointer, key);
            Entry(Quote(key) + ":", value, indent, child);
            if (child == _duplicate)
            {
                DuplicateLine = _line;
                Entry(Quote(key) + ":", value, indent, child + "#again");
            }
        }
    }

    private void Sequence(JsonArray sequence, int indent, string pointer)
    {
        for (var i = 0; i < sequence.Count; i++)
        {
            Entry("-", sequence[i], indent, JsonPointer.Append(pointer, i));
        }
    }

    private void Entry(string lead, JsonNode? value, int indent, string pointer)
    {
        var first = _line;
        if (Inline(value) is { } inline)
        {
            Line(indent, $"{lead} {inline}");
        }
        else
        {
            Line(indent, lead);
            if (value is JsonObject mapping)
            {
                Mapping(mapping, indent + 2, pointer);
            }
            else
            {
                Sequence((JsonArray)value!, indent + 2, pointer);
            }
        }

        _lines[pointer] = (first, _line - 1);
    }

    private static string? Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject { Count: 0 } => "{}",
        JsonArray { Count: 0 } => "[]",
        JsonObject or JsonArray => null,
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => Quote(text),
        _ => value.ToJsonString(),
    };

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();

    private void Line(int indent, string text)
    {
        _text.Append(' ', indent).Append(text).Append('\n');
        _line++;
    }
}
