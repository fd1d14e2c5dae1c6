using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    // The columns of a config, inferred row by row in the order the rows come: a column's position is where its name was
    // first seen, its type the merge of every value's kind, its shape the feature of every value.
    internal sealed class ColumnInference
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, ShardColumnType?> _kinds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ShardFeatureInference> _shapes = new(StringComparer.Ordinal);

        public void Add(JsonElement row)
        {
            foreach (var property in row.EnumerateObject())
            {
                Shape(property.Name, KindOf(property.Value)).Add(property.Value);
            }
        }

        // A row built in memory, inferred as it is written (CorpusJson's form), without parsing the written bytes.
        public void Add(JsonObject row)
        {
            foreach (var (name, value) in row)
            {
                Shape(name, KindOf(value)).Add(value);
            }
        }

        // Takes one value's kind for its column (seen first now or before) and gives the column's shape to add it to.
        private ShardFeatureInference Shape(string name, ShardColumnType? kind)
        {
            if (!_kinds.TryGetValue(name, out var current))
            {
                _order.Add(name);
                _shapes.Add(name, new ShardFeatureInference());
                current = null;
            }

            _kinds[name] = Merge(current, kind);
            return _shapes[name];
        }

        /// <summary>
        /// Takes in <paramref name="later"/>'s rows as if they had come here after this one's: columns it saw first are
        /// placed after these, in its order. <paramref name="later"/> is taken over and must not be used again.
        /// </summary>
        public void Append(ColumnInference later)
        {
            foreach (var name in later._order)
            {
                if (_kinds.TryGetValue(name, out var current))
                {
                    _kinds[name] = Merge(current, later._kinds[name]);
                    _shapes[name].Append(later._shapes[name]);
                }
                else
                {
                    _order.Add(name);
                    _kinds.Add(name, later._kinds[name]);
                    _shapes.Add(name, later._shapes[name]);
                }
            }
        }

        public IReadOnlyList<ShardColumn> Result() =>
            [.. _order.Select(name => new ShardColumn(name, _kinds[name] ?? ShardColumnType.Text) { Shape = _shapes[name].Result() })];
    }

    // A value's compact JSON text: its own bytes in the row, which was written in CorpusJson's form
    // (CorpusJson.WriterOptions), and writing is idempotent (a string is unescaped, then escaped by the same encoder).
    internal static int CompactJson(ReadOnlySpan<byte> value, Span<char> text) => Encoding.UTF8.GetChars(value, text);

    private static ShardColumnType? KindOf(JsonElement value) =>
        Kind(value.ValueKind, value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _));

    // A value built in memory: of the kind it is written as (a number whole when its written text is).
    private static ShardColumnType? KindOf(JsonNode? value) => value?.GetValueKind() is not { } kind
        ? null
        : Kind(kind, kind == JsonValueKind.Number && ShardFeatureInference.IsWhole((JsonValue)value));

    private static ShardColumnType? Kind(JsonValueKind kind, bool whole) => kind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => ShardColumnType.Text,
        JsonValueKind.True or JsonValueKind.False => ShardColumnType.Flag,
        JsonValueKind.Number => whole ? ShardColumnType.WholeNumber : ShardColumnType.RealNumber,
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
