using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Importing.PythonLiteral;

namespace TrajectoryBuild.Trajectories.Tests.Importing.PythonLiteral;

public sealed class PythonLiteralParserTests
{
    [Theory]
    [InlineData("[{'a': 1, \"b\": [True, False, None]}, (2.5, -3,), {}]", """[{"a":1,"b":[true,false,null]},[2.5,-3],{}]""")]
    [InlineData("""'it\'s \"q\" \\ \n\t \x41 \u00e9 \U0001F600 \101 \q'""", "\"it's \\\"q\\\" \\\\ \\n\\t A \\u00e9 \\ud83d\\ude00 A \\\\q\"")]
    [InlineData("\"don't\"", "\"don't\"")]
    [InlineData("  [1_000, 1e3, 123456789012345678901234]  ", "[1000,1000.0,123456789012345678901234]")]
    public void ToJson_ReadsReprLiterals(string literal, string json) =>
        JsonNode.DeepEquals(JsonNode.Parse(PythonLiteralParser.ToJson(literal)), JsonNode.Parse(json)).ShouldBeTrue(Encoding.UTF8.GetString(PythonLiteralParser.ToJson(literal)));

    [Theory]
    [InlineData("[1, 2", "at character 5: expected ']', found the end of the text")]
    [InlineData("{1: 'a'}", "at character 1: expected a string key or '}'")]
    [InlineData("['a' 'b']", "at character 5: expected ']'")]
    [InlineData("[true]", "at character 1: expected a dict, list, tuple, string, number, True, False or None")]
    [InlineData("'abc", "the string that starts at character 0 is not closed")]
    [InlineData(@"'\x4'", "at character 1: expected 2 hex digits after \\x")]
    [InlineData("[1] 2", "at character 4: expected the end of the literal")]
    [InlineData("b'bytes'", "at character 0")]
    public void ToJson_ReportsWhereAndWhatWasExpected(string literal, string message) =>
        Should.Throw<FormatException>(() => PythonLiteralParser.ToJson(literal)).Message.ShouldContain(message);
}
