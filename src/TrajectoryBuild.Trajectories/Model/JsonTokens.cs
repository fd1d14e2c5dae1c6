using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Model;

/// <summary>
/// Re-escapes a JSON string token from a source file (or escapes plain UTF-8 text, a Parquet string) into the token
/// <see cref="TrajectoryWriter"/> writes for the same text, in one pass over the UTF-8 bytes: runs that need no change
/// are copied, escapes the writer writes the same way are copied, everything else (Python's lower-case <c>\u00e9</c>,
/// <c>\/</c>, raw characters the writer escapes) is rewritten one scalar at a time. This replaces decoding the text to UTF-16 and encoding it back. The tables come
/// from the writer's own options at start-up; a test compares the result with the writer for every BMP code point.
/// The hot methods are optimized from their first call: an import runs seconds, too short for tiering to pay.
/// </summary>
internal static class JsonTokens
{
    private static readonly byte[][] s_ascii = AsciiForms();
    private static readonly SearchValues<byte> s_special = SpecialBytes();
    private static readonly ulong[] s_encodedBmp = EncodedBmp();

    /// <summary>
    /// The writer's token for the string that <paramref name="token"/> (a JSON string token with its quotes, already
    /// validated by a JSON reader) holds; null when the text has an unpaired surrogate escape, which the caller then
    /// reads the usual way (and gets the usual error).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[]? Canonical(ReadOnlySpan<byte> token)
    {
        if (token.Length < 2 || token[0] != (byte)'"' || token[^1] != (byte)'"')
        {
            return null;
        }

        var text = token[1..^1];
        var first = text.IndexOfAny(s_special);
        if (first < 0)
        {
            return token.ToArray();
        }

        var rented = ArrayPool<byte>.Shared.Rent(MaxTokenLength(text.Length));
        try
        {
            var length = Rewrite(text, first, rented, escaped: true);
            return length < 0 ? null : rented.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The most bytes <see cref="WriteText"/> writes for <paramref name="length"/> bytes of text.</summary>
    public static int MaxTokenLength(int length) => (length * 6) + 2;

    /// <summary>
    /// Writes the token <see cref="TrajectoryWriter"/> writes for <paramref name="text"/> (plain UTF-8, not a token: a
    /// backslash is a character) into <paramref name="destination"/>, of at least <see cref="MaxTokenLength"/> bytes;
    /// returns its length, or -1 when the text is not valid UTF-8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int WriteText(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxTokenLength(text.Length));
        var first = text.IndexOfAny(s_special);
        if (first >= 0)
        {
            return Rewrite(text, first, destination, escaped: false);
        }

        destination[0] = (byte)'"';
        text.CopyTo(destination[1..]);
        destination[text.Length + 1] = (byte)'"';
        return text.Length + 2;
    }

    // Writes the quoted token into destination (at least 6 bytes per source byte, plus 2); -1 for an unpaired surrogate
    // or bytes that are not UTF-8. Where the text is not escaped, a backslash is a character like any other.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Rewrite(ReadOnlySpan<byte> text, int first, Span<byte> destination, bool escaped)
    {
        destination[0] = (byte)'"';
        var written = 1;
        var i = 0;
        var next = first;
        while (true)
        {
            text.Slice(i, next).CopyTo(destination[written..]);
            written += next;
            i += next;
            if (i == text.Length)
            {
                break;
            }

            int scalar;
            var b = text[i];
            if (b == (byte)'\\' && escaped)
            {
                if (!TryUnescape(text, ref i, out scalar))
                {
                    return -1;
                }
            }
            else if (b < 0x80)
            {
                scalar = b;
                i++;
            }
            else
            {
                if (Rune.DecodeFromUtf8(text[i..], out var rune, out var consumed) != OperationStatus.Done)
                {
                    return -1;
                }

                if (!Encodes(rune.Value))
                {
                    text.Slice(i, consumed).CopyTo(destination[written..]);
                    written += consumed;
                    i += consumed;
                    next = NextSpecial(text, i);
                    continue;
                }

                scalar = rune.Value;
                i += consumed;
            }

            written += Write(scalar, destination[written..]);
            next = NextSpecial(text, i);
        }

        destination[written++] = (byte)'"';
        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NextSpecial(ReadOnlySpan<byte> text, int from)
    {
        var found = text[from..].IndexOfAny(s_special);
        return found < 0 ? text.Length - from : found;
    }

    // Reads the escape at text[i] (a backslash) into a scalar; false for an unpaired surrogate or a malformed escape.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryUnescape(ReadOnlySpan<byte> text, ref int i, out int scalar)
    {
        scalar = 0;
        if (i + 1 >= text.Length)
        {
            return false;
        }

        scalar = text[i + 1] switch
        {
            (byte)'n' => '\n',
            (byte)'t' => '\t',
            (byte)'r' => '\r',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'u' => -1,
            _ => -2,
        };
        if (scalar >= 0)
        {
            i += 2;
            return true;
        }

        if (scalar == -2 || !TryHex(text, i + 2, out scalar))
        {
            return false;
        }

        i += 6;
        if (char.IsLowSurrogate((char)scalar))
        {
            return false;
        }

        if (!char.IsHighSurrogate((char)scalar))
        {
            return true;
        }

        if (i + 6 > text.Length || text[i] != (byte)'\\' || text[i + 1] != (byte)'u' || !TryHex(text, i + 2, out var low) || !char.IsLowSurrogate((char)low))
        {
            return false;
        }

        scalar = char.ConvertToUtf32((char)scalar, (char)low);
        i += 6;
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> text, int at, out int value)
    {
        value = 0;
        if (at + 4 > text.Length)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(text[at + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    // The writer's form of one scalar: its ASCII table, raw UTF-8, or \uXXXX (a surrogate pair above the BMP).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Write(int scalar, Span<byte> destination)
    {
        if (scalar < 0x80)
        {
            var form = s_ascii[scalar];
            form.CopyTo(destination);
            return form.Length;
        }

        if (!Encodes(scalar))
        {
            return new Rune(scalar).EncodeToUtf8(destination);
        }

        if (scalar < 0x10000)
        {
            return WriteHex(scalar, destination);
        }

        Span<char> pair = stackalloc char[2];
        new Rune(scalar).EncodeToUtf16(pair);
        var written = WriteHex(pair[0], destination);
        return written + WriteHex(pair[1], destination[written..]);
    }

    private static int WriteHex(int unit, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        destination[1] = (byte)'u';
        for (var k = 0; k < 4; k++)
        {
            var digit = (unit >> (12 - (4 * k))) & 0xF;
            destination[2 + k] = (byte)(digit < 10 ? '0' + digit : 'A' + digit - 10);
        }

        return 6;
    }

    private static bool Encodes(int scalar) => scalar >= 0x10000 || (s_encodedBmp[scalar >> 6] & (1UL << (scalar & 63))) != 0;

    // What the writer writes for each ASCII character, without the quotes: taken from the writer itself.
    private static byte[][] AsciiForms()
    {
        var forms = new byte[128][];
        var buffer = new ArrayBufferWriter<byte>(16);
        for (var c = 0; c < 128; c++)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
            {
                writer.WriteStringValue(((char)c).ToString());
            }

            forms[c] = buffer.WrittenSpan[1..^1].ToArray();
        }

        return forms;
    }

    // The bytes that stop the copying: a backslash, any ASCII byte the writer does not write as itself, any non-ASCII byte.
    private static SearchValues<byte> SpecialBytes()
    {
        var bytes = new List<byte> { (byte)'\\' };
        for (var c = 0; c < 128; c++)
        {
            if (s_ascii[c] is not [var only] || only != c)
            {
                bytes.Add((byte)c);
            }
        }

        for (var b = 0x80; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return SearchValues.Create([.. bytes.Distinct()]);
    }

    // One bit per BMP code point: set where the writer's encoder escapes it.
    private static ulong[] EncodedBmp()
    {
        var encoder = TrajectoryWriter.Options.Encoder!;
        var bits = new ulong[0x10000 / 64];
        for (var c = 0; c < 0x10000; c++)
        {
            // Surrogates are never looked up (escapes are paired, raw UTF-8 holds none): marked, not asked.
            if (char.IsSurrogate((char)c) || encoder.WillEncode(c))
            {
                bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        return bits;
    }
}
