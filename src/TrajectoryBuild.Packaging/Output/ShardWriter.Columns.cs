using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

public static partial class ShardWriter
{
    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    internal static IReadOnlyList<ShardColumn> InferColumns(IReadOnlyList<JsonDocument> documents)
    {
        var order = new List<string>();
        var kinds = new Dictionary<string, ShardColumnType?>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, ShardFeatureInference>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!kinds.TryGetValue(property.Name, out var current))
                {
                    order.Add(property.Name);
                    shapes.Add(property.Name, new ShardFeatureInference());
                    current = null;
                }

                kinds[property.Name] = Merge(current, KindOf(property.Value));
                shapes[property.Name].Add(property.Value);
            }
        }

        return [.. order.Select(name => new ShardColumn(name, kinds[name] ?? ShardColumnType.Text) { Shape = shapes[name].Result() })];
    }

    internal static string CompactJson(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_compact))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ReadOnlyMemory<byte> Jsonl(IReadOnlyList<JsonElement> rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var row in rows)
        {
            using (var writer = new Utf8JsonWriter(buffer, s_compact))
            {
                row.WriteTo(writer);
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenMemory;
    }

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
