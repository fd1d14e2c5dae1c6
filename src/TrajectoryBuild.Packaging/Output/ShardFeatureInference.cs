using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Infers the <see cref="ShardFeature"/> of one position from every value written there, with the rule <c>datasets</c>
/// applies before it falls back to JSON text (<c>find_mixed_struct_types_field_paths</c>): objects are a struct only when
/// every one has the same, non-empty set of keys; arrays are a list of their items' type; strings, booleans and numbers a
/// value (integers in 64 bits <c>int64</c>, any other number <c>float64</c>); nulls only <c>null</c>. Two kinds at one
/// position (other than integers with other numbers) make it <see cref="ShardFeatureKind.Free"/>.
/// </summary>
internal sealed class ShardFeatureInference
{
    private readonly HashSet<JsonValueKind> _kinds = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ShardFeatureInference> _fields = new(StringComparer.Ordinal);
    private ShardFeatureInference? _items;
    private bool _real;
    private bool _objects;
    private bool _keysDiffer;
    private bool _empty;

    public void Add(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                Number(whole: value.TryGetInt64(out _));
                return;
            case JsonValueKind.Array:
                var items = Items();
                foreach (var item in value.EnumerateArray())
                {
                    items.Add(item);
                }

                return;
            case JsonValueKind.Object:
                if (!BeginObject(out var first))
                {
                    return;
                }

                var count = 0;
                foreach (var property in value.EnumerateObject())
                {
                    count++;
                    if (Field(property.Name, first) is not { } field)
                    {
                        return;
                    }

                    field.Add(property.Value);
                }

                EndObject(count);
                return;
            default:
                Seen(value.ValueKind);
                return;
        }
    }

    /// <summary>
    /// <see cref="Add(JsonElement)"/> for a value not yet written (a row built in memory): the same feature as the value
    /// written and parsed again, numbers told apart by the text they are written as.
    /// </summary>
    public void Add(JsonNode? value)
    {
        switch (value)
        {
            case JsonArray array:
                var items = Items();
                foreach (var item in array)
                {
                    items.Add(item);
                }

                return;
            case JsonObject obj:
                if (!BeginObject(out var first))
                {
                    return;
                }

                var count = 0;
                foreach (var (name, field) in obj)
                {
                    count++;
                    if (Field(name, first) is not { } inference)
                    {
                        return;
                    }

                    inference.Add(field);
                }

                EndObject(count);
                return;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                Number(whole: IsWhole(scalar));
                return;
            default:
                Seen(value?.GetValueKind() ?? JsonValueKind.Null);
                return;
        }
    }

    /// <summary>
    /// Whether a number node is written as a whole number in 64 bits, as <see cref="JsonElement.TryGetInt64"/> tells of
    /// its text: integers of 32 bits or fewer always are; any other number is written and its text read.
    /// </summary>
    internal static bool IsWhole(JsonValue number)
    {
        if (number.TryGetValue<JsonElement>(out var element))
        {
            return element.TryGetInt64(out _);
        }

        if (number.TryGetValue<int>(out _) || number.TryGetValue<long>(out _))
        {
            return true;
        }

        var text = Encoding.UTF8.GetBytes(number.ToJsonString());
        return Utf8Parser.TryParse(text, out long _, out var consumed) && consumed == text.Length;
    }

    public ShardFeature Result()
    {
        if (_kinds.Count == 0)
        {
            return ShardFeature.Value("null");
        }

        if (_kinds.Count > 1)
        {
            return ShardFeature.Free("mixed kinds: " + string.Join(", ", _kinds.Select(Name).Order(StringComparer.Ordinal)));
        }

        return _kinds.Single() switch
        {
            JsonValueKind.String => ShardFeature.Value("string"),
            JsonValueKind.True => ShardFeature.Value("bool"),
            JsonValueKind.Number => ShardFeature.Value(_real ? "float64" : "int64"),
            JsonValueKind.Array => ShardFeature.List(_items!.Result()),
            _ when _empty => ShardFeature.Free("empty objects"),
            _ when _keysDiffer => ShardFeature.Free("objects with different keys"),
            _ => ShardFeature.Struct(_order.Select(key => new KeyValuePair<string, ShardFeature>(key, _fields[key].Result()))),
        };
    }

    private static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private void Seen(JsonValueKind kind)
    {
        switch (kind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.True or JsonValueKind.False:
                _kinds.Add(JsonValueKind.True);
                return;
            default:
                _kinds.Add(kind);
                return;
        }
    }

    private void Number(bool whole)
    {
        _kinds.Add(JsonValueKind.Number);
        _real |= !whole;
    }

    private ShardFeatureInference Items()
    {
        _kinds.Add(JsonValueKind.Array);
        return _items ??= new ShardFeatureInference();
    }

    // An object begins: false when objects here are already known to differ (or be empty), so it is not looked into.
    private bool BeginObject(out bool first)
    {
        _kinds.Add(JsonValueKind.Object);
        first = !_objects;
        _objects = true;
        return !(_empty || _keysDiffer);
    }

    // The inference of one key of an object: added on the first object, looked up on later ones; null (and the keys
    // marked as differing) when a later object has a key the first did not.
    private ShardFeatureInference? Field(string name, bool first)
    {
        if (_fields.TryGetValue(name, out var field))
        {
            return field;
        }

        if (!first)
        {
            _keysDiffer = true;
            return null;
        }

        field = new ShardFeatureInference();
        _fields.Add(name, field);
        _order.Add(name);
        return field;
    }

    private void EndObject(int count)
    {
        _empty = count == 0;
        _keysDiffer |= count != _order.Count;
    }
}
