using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TrajectoryBuild.Manifest;

/// Reads YAML parser events into JSON nodes, recording where each node and key starts.
/// Events rather than the representation model so that duplicate keys are reported and reading goes on.
internal sealed class YamlJsonReader(string file, YamlDocumentKind? kind = null)
{
    private const int MaxNodes = 1_000_000;
    private const int MaxDepth = 64; // System.Text.Json's default too, so consumers can serialize the document
    private const string SyntaxHint = "check indentation (spaces, not tabs), the ':' after each key, and that quotes and brackets are closed";

    private readonly YamlDocumentKind _kind = kind ?? YamlDocumentKind.Manifest;
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);
    private readonly List<ManifestError> _errors = [];
    private readonly SourceMap _map = new();
    private int _nodes;
    private int _depth;
    private Mark _last = Mark.Empty;

    public YamlReadResult Read(string yaml)
    {
        if (YamlControlCharacters.First(yaml) is { } control)
        {
            _errors.Add(new ManifestError(file, control.Line, control.Column, $"{_kind.Noun} contains {control.What}", "remove it: YAML allows control characters only as escapes in a double-quoted string (\"\\x01\"); a damaged or binary file shows this too"));
            return new YamlReadResult(null, _map, _errors);
        }

        var root = ReadDocument(new Parser(new StringReader(yaml)), yaml);
        return new YamlReadResult(root, _map, _errors);
    }

    private JsonObject? ReadDocument(Parser parser, string yaml)
    {
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return Empty();
            }

            var start = parser.Consume<DocumentStart>().Start;
            var root = ReadNode(parser, JsonPointer.Root);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                Error(second.Start, $"{_kind.Noun} holds more than one YAML document", "keep one document: remove the second '---' and what follows, or merge them");
                return null;
            }

            return root switch
            {
                JsonObject mapping => mapping,
                null => Empty(),
                _ => NotAMapping(start, root),
            };
        }
        catch (YamlException ex) when (ex.Message.Contains("tab", StringComparison.Ordinal) && YamlTabs.FirstIndentingTab(yaml) is { } tab)
        {
            _errors.Add(new ManifestError(file, tab.Line, tab.Column, "YAML syntax error: a tab is used for indentation", "indent with spaces; YAML does not allow tabs there"));
            return null;
        }
        catch (YamlException ex)
        {
            Error(ex.Start, $"YAML syntax error: {SyntaxMessage(ex)}", SyntaxHint);
            return null;
        }
        catch (ManifestTooLargeException ex)
        {
            Error(_last, ex.Message, "aliases expand to copies of their anchor, and deep nesting is never needed: simplify the structure");
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or EndOfStreamException)
        {
            // YamlDotNet can fail this way on some malformed input (its scanner, or an event stream that
            // ends inside a node) instead of raising a YamlException: report it as a syntax error.
            Error(_last, "YAML syntax error: the parser could not read past this point", SyntaxHint);
            return null;
        }
    }

    // Deep nesting would overflow the stack here and in the validator: a limit keeps bad input an error.
    private JsonNode? ReadNode(Parser parser, string pointer)
    {
        if (++_depth > MaxDepth)
        {
            throw new ManifestTooLargeException($"{_kind.Noun} nests more than {MaxDepth} levels deep");
        }

        try
        {
            return ReadNodeAtDepth(parser, pointer);
        }
        finally
        {
            _depth--;
        }
    }

    private JsonNode? ReadNodeAtDepth(Parser parser, string pointer)
    {
        if (++_nodes > MaxNodes)
        {
            throw new ManifestTooLargeException($"{_kind.Noun} expands to more than {MaxNodes} nodes");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return ReadAlias(alias, pointer);
        }

        var before = _nodes;
        _last = parser.Current!.Start;
        _map.Values[pointer] = Position(_last);
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return Anchored(scalar.Anchor, YamlScalars.ToJson(scalar), pointer, before);
        }

        if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, JsonPointer.Append(pointer, array.Count)));
            }

            return Anchored(sequence.Anchor, array, pointer, before);
        }

        var mapping = parser.Consume<MappingStart>();
        var obj = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            ReadEntry(parser, pointer, obj);
        }

        return Anchored(mapping.Anchor, obj, pointer, before);
    }

    private void ReadEntry(Parser parser, string pointer, JsonObject obj)
    {
        if (!parser.TryConsume<Scalar>(out var key))
        {
            Error(parser.Current!.Start, $"a mapping key in {JsonPointer.Describe(pointer)} is not a plain name", "keys are names like 'kind'; lists, mappings and aliases cannot be keys");
            parser.SkipThisAndNestedEvents();
            parser.SkipThisAndNestedEvents();
            return;
        }

        var child = JsonPointer.Append(pointer, key.Value);
        if (obj.ContainsKey(key.Value))
        {
            var (line, column) = _map.Keys[child];
            Error(key.Start, $"duplicate key '{key.Value}' in {JsonPointer.Describe(pointer)}", $"it is first defined at line {line}, column {column}; keep one of them");
            parser.SkipThisAndNestedEvents();
            return;
        }

        _map.Keys[child] = Position(key.Start);
        obj[key.Value] = ReadNode(parser, child);
    }

    private JsonNode? ReadAlias(AnchorAlias alias, string pointer)
    {
        _map.Values[pointer] = Position(alias.Start);
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchor))
        {
            Error(alias.Start, $"unknown alias '*{alias.Value.Value}'", "define the anchor '&" + alias.Value.Value + "' on a node before this alias");
            return null;
        }

        _nodes += anchor.Nodes;
        if (_nodes > MaxNodes)
        {
            throw new ManifestTooLargeException($"{_kind.Noun} expands to more than {MaxNodes} nodes");
        }

        _map.CopySubtree(anchor.Pointer, pointer);
        return anchor.Node?.DeepClone();
    }

    private JsonNode? Anchored(AnchorName name, JsonNode? node, string pointer, int nodesBefore)
    {
        if (!name.IsEmpty)
        {
            _anchors[name.Value] = new Anchor(node, pointer, _nodes - nodesBefore + 1);
        }

        return node;
    }

    private JsonObject? Empty()
    {
        _errors.Add(new ManifestError(file, 1, 1, $"{_kind.Noun} is empty", _kind.StartHint));
        return null;
    }

    private JsonObject? NotAMapping(Mark start, JsonNode root)
    {
        var got = root switch
        {
            JsonArray => "a list",
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => $"the value '{Truncate(value.GetValue<string>())}'",
            _ => $"the value {Truncate(root.ToJsonString())}",
        };
        Error(start, $"the top level of {_kind.Noun} must be a mapping of keys, got {got}", _kind.StartHint);
        return null;
    }

    private void Error(Mark mark, string message, string? hint)
    {
        var (line, column) = Position(mark);
        _errors.Add(new ManifestError(file, line, column, message, hint));
    }

    private static (int Line, int Column) Position(Mark mark) =>
        ((int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 1) - (...): "; the position is already in front of the error.
    private static string SyntaxMessage(YamlException ex)
    {
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && marker >= 0 ? message[(marker + 3)..] : message;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private sealed record Anchor(JsonNode? Node, string Pointer, int Nodes);
}
