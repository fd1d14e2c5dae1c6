using System.Text.Json;

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
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.True or JsonValueKind.False:
                _kinds.Add(JsonValueKind.True);
                return;
            case JsonValueKind.Number:
                _kinds.Add(JsonValueKind.Number);
                _real |= !value.TryGetInt64(out _);
                return;
            case JsonValueKind.Array:
                _kinds.Add(JsonValueKind.Array);
                _items ??= new ShardFeatureInference();
                foreach (var item in value.EnumerateArray())
                {
                    _items.Add(item);
                }

                return;
            case JsonValueKind.Object:
                _kinds.Add(JsonValueKind.Object);
                AddObject(value);
                return;
            default:
                _kinds.Add(value.ValueKind);
                return;
        }
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

    private void AddObject(JsonElement value)
    {
        var first = !_objects;
        _objects = true;
        if (_empty || _keysDiffer)
        {
            return;
        }

        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            if (!_fields.TryGetValue(property.Name, out var field))
            {
                if (!first)
                {
                    _keysDiffer = true;
                    return;
                }

                field = new ShardFeatureInference();
                _fields.Add(property.Name, field);
                _order.Add(property.Name);
            }

            field.Add(property.Value);
        }

        _empty = count == 0;
        _keysDiffer |= count != _order.Count;
    }
}
