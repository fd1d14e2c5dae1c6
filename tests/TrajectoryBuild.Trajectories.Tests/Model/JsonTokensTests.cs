using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Model;

public sealed class JsonTokensTests
{
    private static readonly JsonSerializerOptions s_relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Canonical_EveryBmpCodePointInEveryEncoding_IsWhatTheWriterWrites()
    {
        var mismatches = new List<string>();
        for (var c = 0; c < 0x10000; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var text = $"a{(char)c}b";
            var expected = WriterToken(text);
            foreach (var (encoding, source) in Encodings(text))
            {
                var actual = JsonTokens.Canonical(source);
                if (actual is null || !actual.AsSpan().SequenceEqual(expected))
                {
                    mismatches.Add($"U+{c:X4} from {encoding}: {Show(actual)} instead of {Show(expected)}");
                }
            }
        }

        mismatches.Take(20).ShouldBeEmpty();
    }

    [Fact]
    public void Canonical_AstralCharacters_RawOrAsPairsInEitherCase_AreWhatTheWriterWrites()
    {
        for (var scalar = 0x10000; scalar <= 0x10FFFF; scalar += 251)
        {
            var text = $"x{char.ConvertFromUtf32(scalar)}\n";
            var expected = WriterToken(text);
            foreach (var (encoding, source) in Encodings(text))
            {
                JsonTokens.Canonical(source).ShouldBe(expected, $"U+{scalar:X} from {encoding}");
            }
        }
    }

    [Fact]
    public void Canonical_RandomTexts_AreWhatTheWriterWrites_AndReadBackToTheSameText()
    {
        var random = new Random(20261124);
        for (var n = 0; n < 2000; n++)
        {
            var text = RandomText(random);
            var expected = WriterToken(text);
            var source = MixedEncoding(text, random);
            var actual = JsonTokens.Canonical(source);
            actual.ShouldBe(expected, $"text #{n}: {Show(source)}");
            JsonText.OfToken(actual!).Value.ShouldBe(text);
        }
    }

    [Fact]
    public void WriteText_EveryCodePointAsPlainUtf8_IsWhatTheWriterWrites_BackslashesIncluded()
    {
        var mismatches = new List<string>();
        var destination = new byte[JsonTokens.MaxTokenLength(64)];
        for (var scalar = 0; scalar <= 0x10FFFF; scalar += scalar < 0x10000 ? 1 : 97)
        {
            if (scalar is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var text = $"a\\u0041{char.ConvertFromUtf32(scalar)}\\b\"";
            var expected = WriterToken(text);
            var length = JsonTokens.WriteText(Encoding.UTF8.GetBytes(text), destination);
            if (length < 0 || !destination.AsSpan(0, length).SequenceEqual(expected))
            {
                mismatches.Add($"U+{scalar:X4}: {(length < 0 ? "null" : Show(destination[..length]))} instead of {Show(expected)}");
            }
        }

        mismatches.Take(20).ShouldBeEmpty();
        JsonTokens.WriteText("plain"u8, destination).ShouldBe(7);
        Encoding.UTF8.GetString(destination, 0, 7).ShouldBe("\"plain\"");
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x5C, 0xFF })]
    [InlineData(new byte[] { 0x5C, 0xE2, 0x82 })]
    public void WriteText_BytesThatAreNotUtf8_AreMinusOne(byte[] text) =>
        JsonTokens.WriteText(text, new byte[JsonTokens.MaxTokenLength(text.Length)]).ShouldBe(-1);

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    [InlineData("\"\\ud800")]
    public void Canonical_UnpairedSurrogateOrBrokenToken_IsNull_SoTheCallerReadsItTheUsualWay(string token) =>
        JsonTokens.Canonical(Encoding.UTF8.GetBytes(token)).ShouldBeNull();

    [Fact]
    public void JsonText_TokenAndStringOfTheSameText_AreEqual_WithTheSameHash()
    {
        const string Text = "caf\u00e9 \"quoted\"\n\t\ud83d\ude00";
        var fromToken = JsonText.OfToken(JsonTokens.Canonical(Encoding.UTF8.GetBytes("\"caf\\u00e9 \\\"quoted\\\"\\n\\t\\ud83d\\ude00\""))!);
        var fromString = JsonText.Of(Text);

        fromToken.ShouldBe(fromString);
        fromToken.GetHashCode().ShouldBe(fromString.GetHashCode());
        new Observation(fromToken).ShouldBe(new Observation(Text));
        new Message("user", fromToken).ShouldBe(new Message("user", Text));
        new AgentStep { ContentText = fromToken }.ShouldBe(new AgentStep { Content = Text });
        new Observation(fromToken).ShouldNotBe(new Observation(Text + "!"));
    }

    [Fact]
    public void TrajectoryWriter_TextHeldAsToken_WritesTheSameBytesAsTheString()
    {
        const string Text = "line 1\r\n\u001b[31mred\u001b[0m <b>&amp;</b> \u00e9\u4e2d\ud83d\ude00 \u2028 \\ \"";
        var token = JsonTokens.Canonical(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Text)))!;
        var sample = TrajectoryWriterTests.Sample();
        Trajectory WithText(Func<string, Observation> observation, Func<string, Message> message, Func<string, AgentStep> step) => sample with
        {
            Prompt = [message(Text)],
            Steps = [step(Text) with { Observations = [observation(Text)], Feedback = [message(Text)] }],
        };

        var fromTokens = WithText(_ => new Observation(JsonText.OfToken(token)), _ => new Message("user", JsonText.OfToken(token)), _ => new AgentStep { ContentText = JsonText.OfToken(token) });
        var fromStrings = WithText(t => new Observation(t), t => new Message("user", t), t => new AgentStep { Content = t });

        TrajectoryWriter.ToUtf8(fromTokens).ShouldBe(TrajectoryWriter.ToUtf8(fromStrings));
    }

    // The same text as JSON string tokens the way different writers spell it.
    private static IEnumerable<(string Encoding, byte[] Token)> Encodings(string text)
    {
        yield return ("System.Text.Json's default escaping", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text)));
        yield return ("relaxed escaping", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text, s_relaxed)));
        yield return ("Python's ensure_ascii (lower-case hex)", Escaped(text, raw: _ => false, upper: false));
        yield return ("raw UTF-8, upper-case hex for controls", Escaped(text, raw: r => r.Value >= 0x20, upper: true));
        yield return ("every character as \\u", Escaped(text, raw: _ => false, upper: true, everything: true));
    }

    private static byte[] MixedEncoding(string text, Random random) =>
        Escaped(text, raw: r => r.Value >= 0x20 && random.Next(2) == 0, upper: random.Next(2) == 0, everything: random.Next(4) == 0, slash: random.Next(2) == 0);

    // A JSON string token: each scalar raw when `raw` allows (and JSON does), else as a short escape or \uXXXX.
    private static byte[] Escaped(string text, Func<Rune, bool> raw, bool upper, bool everything = false, bool slash = false)
    {
        var builder = new StringBuilder("\"");
        Span<char> units = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            var shortForm = rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '/' when slash => "\\/",
                _ => null,
            };
            if (shortForm is not null && !everything)
            {
                builder.Append(shortForm);
            }
            else if (!everything && rune.Value is >= 0x20 and < 0x7F && rune.Value != '"' && rune.Value != '\\')
            {
                builder.Append((char)rune.Value);
            }
            else if (!everything && raw(rune) && rune.Value != '"' && rune.Value != '\\')
            {
                builder.Append(rune.ToString());
            }
            else
            {
                var count = rune.EncodeToUtf16(units);
                for (var k = 0; k < count; k++)
                {
                    builder.Append("\\u").Append(((int)units[k]).ToString(upper ? "X4" : "x4", CultureInfo.InvariantCulture));
                }
            }
        }

        return Encoding.UTF8.GetBytes(builder.Append('"').ToString());
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 60);
        for (var k = 0; k < length; k++)
        {
            var scalar = random.Next(8) switch
            {
                0 => random.Next(0, 0x20),
                1 => random.Next(0x7F, 0xA0),
                2 => random.Next(0xA0, 0xD800),
                3 => random.Next(0xE000, 0x10000),
                4 => random.Next(0x10000, 0x110000),
                5 => "\"\\/<>&'+`"[random.Next(9)],
                _ => random.Next(0x20, 0x7F),
            };
            builder.Append(char.ConvertFromUtf32(scalar));
        }

        return builder.ToString();
    }

    private static byte[] WriterToken(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
        {
            writer.WriteStringValue(text);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Show(byte[]? bytes) => bytes is null ? "null" : Encoding.UTF8.GetString(bytes);
}
