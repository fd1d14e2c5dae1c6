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

    // Objects looked into here so far, and the last of them that had this position as a key (a key given twice in one
    // object is seen by the second look-up).
    private int _objectsSeen;
    private int _inObject;

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

    /// <summary>
    /// Takes in <paramref name="later"/>'s values as if they had been added here after this one's, in their order: the
    /// inference of both runs of values, one after the other (so rows inferred a split at a time give the inference of
    /// all rows in split order). <paramref name="later"/> is taken over and must not be used again.
    /// </summary>
    public void Append(ShardFeatureInference later)
    {
        ArgumentNullException.ThrowIfNull(later);
        _kinds.UnionWith(later._kinds);
        _real |= later._real;
        // Later's fields were marked with its own object numbers: numbering goes on past both, so no later object
        // here takes one of those marks for its own.
        _objectsSeen = Math.Max(_objectsSeen, later._objectsSeen) + 1;
        if (later._items is { } items)
        {
            if (_items is null)
            {
                _items = items;
            }
            else
            {
                _items.Append(items);
            }
        }

        if (!later._objects)
        {
            return;
        }

        if (!_objects)
        {
            // The first objects here are later's: its keys, in its first object's order, and what it found.
            _objects = true;
            _order.AddRange(later._order);
            foreach (var key in later._order)
            {
                _fields.Add(key, later._fields[key]);
            }

            (_empty, _keysDiffer) = (later._empty, later._keysDiffer);
            return;
        }

        if (_empty || _keysDiffer)
        {
            // Later objects are not looked into once the objects here differ or are empty.
            return;
        }

        // The objects here all have the keys of the first. Later's objects are checked against the same keys as its own
        // first object's (then every one of them is looked into the same way here), or its first object differs already.
        if (later._order.Count == _order.Count && later._order.TrueForAll(_fields.ContainsKey))
        {
            foreach (var key in _order)
            {
                _fields[key].Append(later._fields[key]);
            }

            (_empty, _keysDiffer) = (later._empty, later._keysDiffer);
            return;
        }

        // Later's first object has other keys: it makes the objects here differ, empty when it had no key at all.
        (_empty, _keysDiffer) = (later._order.Count == 0, true);
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
        _objectsSeen++;
        return !(_empty || _keysDiffer);
    }

    // The inference of one key of an object: added on the first object, looked up on later ones; null (and the keys
    // marked as differing) when a later object has a key the first did not, or an object has a key twice (a struct
    // cannot hold it twice; datasets' JSON reader would keep the last).
    private ShardFeatureInference? Field(string name, bool first)
    {
        if (_fields.TryGetValue(name, out var field))
        {
            if (field._inObject == _objectsSeen)
            {
                _keysDiffer = true;
                return null;
            }

            field._inObject = _objectsSeen;
            return field;
        }

        if (!first)
        {
            _keysDiffer = true;
            return null;
        }

        field = new ShardFeatureInference { _inObject = _objectsSeen };
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
