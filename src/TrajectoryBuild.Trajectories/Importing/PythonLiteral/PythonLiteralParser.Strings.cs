using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace TrajectoryBuild.Trajectories.Importing.PythonLiteral;

/// <summary>Python string literals: single or double quotes, with the escapes <c>repr()</c> writes and the rest of Python's.</summary>
internal sealed partial class PythonLiteralParser
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> String()
    {
        var quote = _text[_position];
        var start = ++_position;

        // Fast path: no escapes, so the text between the quotes is the value.
        var rest = _text.AsSpan(start);
        var stop = rest.IndexOfAny(quote, '\\', '\n');
        if (stop >= 0 && rest[stop] == quote)
        {
            _position = start + stop + 1;
            return rest[..stop];
        }

        var length = 0;
        while (true)
        {
            var chunk = _text.AsSpan(_position);
            var next = chunk.IndexOfAny(quote, '\\', '\n');
            if (next < 0 || chunk[next] == '\n')
            {
                _position += next < 0 ? chunk.Length : next;
                throw new FormatException($"at character {_position}: the string that starts at character {start - 1} is not closed (expected {quote})");
            }

            Append(chunk[..next], ref length);
            _position += next;
            if (chunk[next] == quote)
            {
                _position++;
                return _scratch.AsSpan(0, length);
            }

            Escape(ref length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Escape(ref int length)
    {
        var at = _position++;
        if (_position >= _text.Length)
        {
            throw new FormatException($"at character {at}: a backslash ends the text");
        }

        var c = _text[_position++];
        switch (c)
        {
            case '\n':
                return;
            case '\\' or '\'' or '"':
                Append(c, ref length);
                return;
            case 'n':
                Append('\n', ref length);
                return;
            case 't':
                Append('\t', ref length);
                return;
            case 'r':
                Append('\r', ref length);
                return;
            case 'a':
                Append('\a', ref length);
                return;
            case 'b':
                Append('\b', ref length);
                return;
            case 'f':
                Append('\f', ref length);
                return;
            case 'v':
                Append('\v', ref length);
                return;
            case 'x':
                CodePoint(Hex(2, at), ref length);
                return;
            case 'u':
                CodePoint(Hex(4, at), ref length);
                return;
            case 'U':
                CodePoint(Hex(8, at), ref length);
                return;
            case >= '0' and <= '7':
                var value = c - '0';
                for (var i = 0; i < 2 && _position < _text.Length && _text[_position] is >= '0' and <= '7'; i++)
                {
                    value = (value * 8) + (_text[_position++] - '0');
                }

                CodePoint(value, ref length);
                return;
            default:
                // Python keeps an unknown escape as the backslash and the character.
                Append('\\', ref length);
                Append(c, ref length);
                return;
        }
    }

    private int Hex(int digits, int at)
    {
        if (_position + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"at character {at}: expected {digits} hex digits after \\{_text[at + 1]}");
        }

        _position += digits;
        return value;
    }

    private void CodePoint(int value, ref int length)
    {
        if (value is < 0 or > 0x10FFFF)
        {
            throw new FormatException($"at character {_position}: code point {value:X} is out of range");
        }

        if (value < 0x10000)
        {
            // A lone surrogate is kept as it is; the JSON writer reports it if it cannot be written.
            Append((char)value, ref length);
            return;
        }

        Append(char.ConvertFromUtf32(value), ref length);
    }

    private void Append(char c, ref int length)
    {
        Reserve(length + 1);
        _scratch[length++] = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<char> text, ref int length)
    {
        Reserve(length + text.Length);
        text.CopyTo(_scratch.AsSpan(length));
        length += text.Length;
    }

    private void Reserve(int size)
    {
        if (_scratch.Length >= size)
        {
            return;
        }

        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(size, Math.Max(256, _scratch.Length * 2)));
        _scratch.AsSpan().CopyTo(bigger);
        if (_scratch.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_scratch);
        }

        _scratch = bigger;
    }
}
