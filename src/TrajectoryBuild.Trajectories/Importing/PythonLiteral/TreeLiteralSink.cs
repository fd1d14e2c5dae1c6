namespace TrajectoryBuild.Trajectories.Importing.PythonLiteral;

/// <summary>
/// Reads a literal into plain values: a dict is a list of its entries (<see cref="KeyValuePair{TKey, TValue}"/>), a list or
/// tuple a list of values, a str a <see cref="string"/>, True/False a <see cref="bool"/>, None null and a
/// number a boxed <see cref="long"/>, <see cref="double"/> or <see cref="decimal"/>. It fails (a
/// <see cref="FormatException"/>) on what the JSON way would not read alike: nesting deeper than a JSON document is
/// read, or a string that is not valid UTF-16.
/// </summary>
internal sealed class TreeLiteralSink : ILiteralSink
{
    // JsonDocument reads 64 levels; stop well before.
    private const int MaxDepth = 32;

    private readonly Stack<(object Container, string? Name)> _open = new();
    private string? _name;

    public object? Root { get; private set; }

    public void StartObject() => Open(new List<KeyValuePair<string, object?>>());

    public void EndObject() => Close();

    public void StartArray() => Open(new List<object?>());

    public void EndArray() => Close();

    public void PropertyName(ReadOnlySpan<char> name) => _name = Text(name);

    public void String(ReadOnlySpan<char> value) => Add(Text(value));

    public void Boolean(bool value) => Add(value);

    public void Null() => Add(null);

    public void Number(long value) => Add(value);

    public void Number(double value) => Add(value);

    public void Number(decimal value) => Add(value);

    private static string Text(ReadOnlySpan<char> value)
    {
        // A surrogate must be a high one followed by a low one (the JSON writer refuses anything else).
        var rest = value;
        for (var at = rest.IndexOfAnyInRange('\uD800', '\uDFFF'); at >= 0; at = rest.IndexOfAnyInRange('\uD800', '\uDFFF'))
        {
            if (!char.IsHighSurrogate(rest[at]) || at + 1 >= rest.Length || !char.IsLowSurrogate(rest[at + 1]))
            {
                throw new FormatException("a string is not valid UTF-16");
            }

            rest = rest[(at + 2)..];
        }

        return value.ToString();
    }

    private void Open(object container)
    {
        if (_open.Count >= MaxDepth)
        {
            throw new FormatException($"nested deeper than {MaxDepth}");
        }

        _open.Push((container, _name));
    }

    private void Close()
    {
        (var container, _name) = _open.Pop();
        Add(container);
    }

    private void Add(object? value)
    {
        if (_open.Count == 0)
        {
            Root = value;
        }
        else if (_open.Peek().Container is List<KeyValuePair<string, object?>> dict)
        {
            dict.Add(new KeyValuePair<string, object?>(_name!, value));
        }
        else
        {
            ((List<object?>)_open.Peek().Container).Add(value);
        }
    }
}
