using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    // The columns of a config, inferred row by row in the order the rows come: a column's position is where its name was
    // first seen, its type the merge of every value's kind, its shape the feature of every value.
    private sealed class ColumnInference
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, ShardColumnType?> _kinds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ShardFeatureInference> _shapes = new(StringComparer.Ordinal);

        public void Add(JsonElement row)
        {
            foreach (var property in row.EnumerateObject())
            {
                if (!_kinds.TryGetValue(property.Name, out var current))
                {
                    _order.Add(property.Name);
                    _shapes.Add(property.Name, new ShardFeatureInference());
                    current = null;
                }

                _kinds[property.Name] = Merge(current, KindOf(property.Value));
                _shapes[property.Name].Add(property.Value);
            }
        }

        public IReadOnlyList<ShardColumn> Result() =>
            [.. _order.Select(name => new ShardColumn(name, _kinds[name] ?? ShardColumnType.Text) { Shape = _shapes[name].Result() })];
    }

    // A value's compact JSON text: its own bytes in the row, which was written compactly (s_compact, or CorpusJson in the
    // same form), and writing is idempotent (a string is unescaped, then escaped by the same encoder).
    internal static int CompactJson(ReadOnlySpan<byte> value, Span<char> text) => Encoding.UTF8.GetChars(value, text);

    private static ShardColumnType? KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => ShardColumnType.Text,
        JsonValueKind.True or JsonValueKind.False => ShardColumnType.Flag,
        JsonValueKind.Number => value.TryGetInt64(out _) ? ShardColumnType.WholeNumber : ShardColumnType.RealNumber,
        _ => ShardColumnType.Json,
    };

    private static ShardColumnType? Merge(ShardColumnType? current, ShardColumnType? next) => (current, next) switch
    {
        (null, _) => next,
        (_, null) => current,
        var (a, b) when a == b => a,
        (ShardColumnType.WholeNumber, ShardColumnType.RealNumber) or (ShardColumnType.RealNumber, ShardColumnType.WholeNumber) => ShardColumnType.RealNumber,
        _ => ShardColumnType.Json,
    };
}
