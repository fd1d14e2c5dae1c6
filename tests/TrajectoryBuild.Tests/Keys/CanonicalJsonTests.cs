using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Tests.Keys;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Serialize_ObjectKeysInAnyOrder_SortsOrdinallyWithoutWhitespace()
    {
        var a = JsonNode.Parse("""{ "b": 1, "a": { "y": [1, 2], "x": null }, "B": true }""");
        var b = JsonNode.Parse("""{"B":true,"a":{"x":null,"y":[1,2]},"b":1}""");

        CanonicalJson.Serialize(a).ShouldBe("""{"B":true,"a":{"x":null,"y":[1,2]},"b":1}""");
        CanonicalJson.Serialize(b).ShouldBe(CanonicalJson.Serialize(a));
    }

    [Theory]
    [InlineData("\"tab\\tquote\\\"back\\\\slash\"", "\"tab\\tquote\\\"back\\\\slash\"")]
    [InlineData("\"\\u0001\"", "\"\\u0001\"")]
    [InlineData("\"caf\\u00e9 \\u2603\"", "\"café ☃\"")]
    [InlineData("\"</script>\"", "\"</script>\"")]
    public void Serialize_Strings_UsesMinimalEscaping(string json, string expected) =>
        CanonicalJson.Serialize(JsonNode.Parse(json)).ShouldBe(expected);

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("-0", "0")]
    [InlineData("1e3", "1000")]
    [InlineData("0.1", "0.1")]
    [InlineData("12345678901234567", "12345678901234567")]
    [InlineData("2.5e-7", "2.5e-7")]
    [InlineData("1e21", "1e+21")]
    public void Serialize_Numbers_AreNormalized(string json, string expected) =>
        CanonicalJson.Serialize(JsonNode.Parse(json)).ShouldBe(expected);

    [Fact]
    public void Serialize_ClrValuesAndParsedValues_GiveTheSameText()
    {
        var built = new JsonObject { ["n"] = 42, ["d"] = 0.5, ["s"] = "x", ["t"] = true };
        var parsed = JsonNode.Parse("""{"t":true,"s":"x","d":0.5,"n":42}""");

        CanonicalJson.Serialize(built).ShouldBe(CanonicalJson.Serialize(parsed));
    }

    [Fact]
    public void Serialize_AnyString_EscapesExactlyQuoteBackslashAndControlCharacters()
    {
        // Keys hash these bytes: the run-copying writer must give what the one-character-at-a-time rule gives.
        Gen.Select(Gen.String[Gen.Char[(char)0, (char)0x7f], 0, 40], Gen.String[0, 40]).Sample((ascii, any) =>
        {
            CanonicalJson.Serialize(JsonValue.Create(ascii + any)).ShouldBe(Reference(ascii + any));
            CanonicalJson.Serialize(JsonNode.Parse(Reference(ascii))).ShouldBe(Reference(ascii));
        }, iter: 5000);
    }

    [Fact]
    public void Serialize_AnyInteger_IsItsInvariantDigitsWhetherClrOrParsed()
    {
        Gen.Long.Sample(n =>
        {
            var digits = n.ToString(CultureInfo.InvariantCulture);
            CanonicalJson.Serialize(JsonValue.Create(n)).ShouldBe(digits);
            CanonicalJson.Serialize(JsonNode.Parse(digits)).ShouldBe(digits);
            if (n is >= int.MinValue and <= int.MaxValue)
            {
                CanonicalJson.Serialize(JsonValue.Create((int)n)).ShouldBe(digits);
            }
        }, iter: 5000);
    }

    private static string Reference(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
