using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Keys;

/// <summary>
/// A canonical JSON text (in the spirit of RFC 8785): object members sorted by ordinal key, no insignificant
/// white space, minimal string escaping, integers as integers and other numbers in shortest round-trip form.
/// Written by hand rather than by a serializer so the bytes cannot drift with a runtime upgrade: keys hash them.
/// </summary>
public static class CanonicalJson
{
    private const int MaxKeptCapacity = 1 << 20;

    // The quote, the backslash and the control characters: the only characters a canonical string escapes.
    private static readonly SearchValues<char> s_escaped = SearchValues.Create(
        [.. "\"\\", .. Enumerable.Range(0, 0x20).Select(c => (char)c)]);

    [ThreadStatic]
    private static StringBuilder? s_builder;

    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Serialize(JsonNode? node)
    {
        // A plan serializes one preimage per target, hundreds of thousands of them: each thread reuses its builder.
        var sb = s_builder ??= new StringBuilder(1024);
        sb.Clear();
        Write(sb, node);
        var text = sb.ToString();
        if (sb.Capacity > MaxKeptCapacity)
        {
            s_builder = null;
        }

        return text;
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    public static byte[] SerializeToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(Serialize(node));

    /// <summary>This thread's builder, empty, for a canonical text written piece by piece (<see cref="Utf8"/> ends it).</summary>
    internal static StringBuilder Text()
    {
        var sb = s_builder ??= new StringBuilder(1024);
        sb.Clear();
        return sb;
    }

    /// <summary>The UTF-8 bytes of a text begun with <see cref="Text"/>.</summary>
    internal static byte[] Utf8(StringBuilder sb)
    {
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        if (sb.Capacity > MaxKeptCapacity && ReferenceEquals(sb, s_builder))
        {
            s_builder = null;
        }

        return bytes;
    }

    /// <summary>An object of string members, as <see cref="Write"/> writes one: members sorted by ordinal name.</summary>
    internal static void WriteMap(StringBuilder sb, IEnumerable<KeyValuePair<string, string>> members) =>
        WriteObject(sb, members, static (sb, value) =>
        {
            if (value is null)
            {
                sb.Append("null");
            }
            else
            {
                WriteString(sb, value);
            }
        });

    // Members sorted by ordinal name, each value written by writeValue.
    private static void WriteObject<T>(StringBuilder sb, IEnumerable<KeyValuePair<string, T>> members, Action<StringBuilder, T> writeValue)
    {
        sb.Append('{');
        var first = true;
        foreach (var (name, value) in members.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            WriteString(sb, name);
            sb.Append(':');
            writeValue(sb, value);
        }

        sb.Append('}');
    }

    /// <summary>Appends the canonical text of <paramref name="node"/>.</summary>
    internal static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                WriteObject(sb, obj, Write);
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, array[i]);
                }

                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
            default:
                throw new ArgumentException($"unsupported JSON node {node.GetType().Name}", nameof(node));
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            case JsonValueKind.Number:
                WriteNumber(sb, value);
                break;
            default:
                throw new ArgumentException($"unsupported JSON value kind {value.GetValueKind()}", nameof(value));
        }
    }

    private static void WriteNumber(StringBuilder sb, JsonValue value)
    {
        // Integers held as CLR numbers or as parsed JSON integers (the usual case: versions, epochs, counts).
        if (value.TryGetValue<int>(out var small))
        {
            sb.Append(small.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (value.TryGetValue<long>(out var large))
        {
            sb.Append(large.ToString(CultureInfo.InvariantCulture));
            return;
        }

        // Whatever backs the value (a parsed element or a CLR number), read it back through its JSON text.
        using var doc = JsonDocument.Parse(value.ToJsonString());
        var element = doc.RootElement;
        if (element.TryGetInt64(out var l))
        {
            sb.Append(l.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var d = element.GetDouble();
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentException("NaN and infinities have no JSON form", nameof(value));
        }

        if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            sb.Append(((long)d).ToString(CultureInfo.InvariantCulture));
            return;
        }

        // Shortest round-trip digits, with the exponent written as ECMAScript does (2.5e-7, 1e+21).
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            sb.Append(text);
            return;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        sb.Append(text.AsSpan(0, e)).Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Appends <paramref name="s"/> as a canonical JSON string.</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var rest = s.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(s_escaped)) >= 0)
        {
            sb.Append(rest[..next]);
            var c = rest[next];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }

            rest = rest[(next + 1)..];
        }

        sb.Append(rest).Append('"');
    }
}
