using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing.PythonLiteral;

/// <summary>
/// A strict reader of Python literals as <c>repr()</c> writes them (dicts with string keys, lists, tuples, str with
/// escapes, True/False/None, ints, floats), written straight to JSON or read into a tree. Anything else fails with a
/// <see cref="FormatException"/> naming the character position (0-based) and what was expected.
/// </summary>
internal sealed partial class PythonLiteralParser
{
    private const int MaxDepth = 256;

    private readonly string _text;
    private readonly ILiteralSink _sink;
    private char[] _scratch = [];
    private int _position;

    private PythonLiteralParser(string text, ILiteralSink writer)
    {
        _text = text;
        _sink = writer;
    }

    /// <summary>The literal as UTF-8 JSON.</summary>
    public static byte[] ToJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Parse(text, new JsonLiteralSink(writer));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the literal as a tree (see <see cref="TreeLiteralSink"/>); false when it is not one that <see cref="ToJson"/>
    /// turns into the same JSON document (it fails, it nests deeper than a JSON document is read, or a string is not
    /// valid UTF-16), so the caller takes the JSON way and its errors.
    /// </summary>
    public static bool TryReadTree(string text, out object? tree)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new TreeLiteralSink();
        try
        {
            Parse(text, sink);
        }
        catch (FormatException)
        {
            tree = null;
            return false;
        }

        tree = sink.Root;
        return true;
    }

    private static void Parse(string text, ILiteralSink sink)
    {
        var parser = new PythonLiteralParser(text, sink);
        try
        {
            parser.SkipSpace();
            parser.Value(0);
            parser.SkipSpace();
            if (parser._position < text.Length)
            {
                throw parser.Error("the end of the literal");
            }
        }
        catch (ArgumentException exception)
        {
            // The JSON writer refuses text it cannot encode (a lone surrogate from \ud800).
            throw new FormatException($"at character {parser._position}: {exception.Message}", exception);
        }
        finally
        {
            if (parser._scratch.Length > 0)
            {
                ArrayPool<char>.Shared.Return(parser._scratch);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException($"at character {_position}: nested deeper than {MaxDepth}");
        }

        if (_position >= _text.Length)
        {
            throw Error("a value");
        }

        switch (_text[_position])
        {
            case '{':
                Dict(depth);
                break;
            case '[':
                Sequence(']', depth);
                break;
            case '(':
                Sequence(')', depth);
                break;
            case '\'' or '"':
                _sink.String(String());
                break;
            case 'T' when Word("True"):
                _sink.Boolean(true);
                break;
            case 'F' when Word("False"):
                _sink.Boolean(false);
                break;
            case 'N' when Word("None"):
                _sink.Null();
                break;
            case '-' or '+' or '.' or (>= '0' and <= '9'):
                Number();
                break;
            default:
                throw Error("a dict, list, tuple, string, number, True, False or None");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dict(int depth)
    {
        _position++;
        _sink.StartObject();
        SkipSpace();
        while (!TryTake('}'))
        {
            if (_position >= _text.Length || _text[_position] is not ('\'' or '"'))
            {
                throw Error("a string key or '}'");
            }

            _sink.PropertyName(String());
            SkipSpace();
            Take(':');
            SkipSpace();
            Value(depth + 1);
            SkipSpace();
            if (!TryTake(','))
            {
                Take('}');
                break;
            }

            SkipSpace();
        }

        _sink.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sequence(char close, int depth)
    {
        _position++;
        _sink.StartArray();
        SkipSpace();
        while (!TryTake(close))
        {
            Value(depth + 1);
            SkipSpace();
            if (!TryTake(','))
            {
                Take(close);
                break;
            }

            SkipSpace();
        }

        _sink.EndArray();
    }

    private void Number()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] is (>= '0' and <= '9') or '-' or '+' or '.' or 'e' or 'E' or '_')
        {
            _position++;
        }

        var token = _text.AsSpan(start, _position - start);
        if (token.Contains('_'))
        {
            token = token.ToString().Replace("_", "", StringComparison.Ordinal);
        }

        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            _sink.Number(integer);
        }
        else if (token.IndexOfAny('.', 'e', 'E') >= 0
            && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            _sink.Number(real);
        }
        else if (decimal.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            _sink.Number(big);
        }
        else
        {
            _position = start;
            throw Error("a number");
        }
    }

    private bool Word(string word)
    {
        if (!_text.AsSpan(_position).StartsWith(word, StringComparison.Ordinal))
        {
            return false;
        }

        var end = _position + word.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            return false;
        }

        _position = end;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private bool TryTake(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Take(char c)
    {
        if (!TryTake(c))
        {
            throw Error($"'{c}'");
        }
    }

    private FormatException Error(string expected)
    {
        var found = _position >= _text.Length ? "the end of the text" : $"'{_text[_position]}'";
        return new FormatException($"at character {_position}: expected {expected}, found {found}");
    }
}
