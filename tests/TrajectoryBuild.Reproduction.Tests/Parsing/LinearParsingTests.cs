using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using TrajectoryBuild.Reproduction.Parsing;

namespace TrajectoryBuild.Reproduction.Tests.Parsing;

/// <summary>
/// The parsers read a line in linear time where SWE-bench's regular expressions backtrack (see
/// <see cref="TestLogFuzzTests"/>); they must still read every line as those expressions do. Checked against a
/// backtracking engine on seeded random lines made of the characters and words the expressions care about.
/// </summary>
public sealed class LinearParsingTests
{
    private const int Lines = 20_000;

    // SWE-bench's parse_log_sympy header, as its re.findall reads it (the first match is the one that counts).
    private static readonly Regex s_sympyHeader = new(@"(_*) (.*)\.py:(.*) (_*)", RegexOptions.None, TimeSpan.FromSeconds(5));

    [Fact]
    public void SympyHeader_ReadsEveryLineAsTheBacktrackingExpressionDoes()
    {
        var random = new Random(7);
        string[] pieces = ["_", "__", " ", " ", ".py:", ".py", ":", "p", "y", ".", "a", "test_x", "\t"];
        for (var n = 0; n < Lines; n++)
        {
            var line = Line(random, pieces);

            var expected = s_sympyHeader.Match(line);

            SympyParser.Header(line).ShouldBe(expected.Success ? (expected.Groups[2].Value, expected.Groups[3].Value) : null, $"'{line}'");
        }
    }

    [Fact]
    public void PytestTrailingStatus_ReadsEveryLineAsTheBacktrackingExpressionDoes()
    {
        var linear = (Regex)typeof(PytestParser).GetMethod("Trailing", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
        linear.Options.ShouldBe(RegexOptions.NonBacktracking);
        var backtracking = new Regex(linear.ToString(), RegexOptions.None, TimeSpan.FromSeconds(5));
        var random = new Random(11);
        string[] pieces = ["t.py::t", "x", " ", "  ", "\t", "PASSED", "FAILED", "ERROR", "XFAIL", "(", ")", "[", "]", " [ 50%]", "[100%]", "%", "5", "a b"];
        for (var n = 0; n < Lines; n++)
        {
            var line = Line(random, pieces);

            var (expected, actual) = (backtracking.Match(line), linear.Match(line));

            (actual.Success, actual.Groups["id"].Value, actual.Groups["status"].Value)
                .ShouldBe((expected.Success, expected.Groups["id"].Value, expected.Groups["status"].Value), $"'{line}'");
        }
    }

    private static string Line(Random random, string[] pieces)
    {
        var line = new StringBuilder();
        for (var k = random.Next(1, 10); k > 0; k--)
        {
            line.Append(pieces[random.Next(pieces.Length)]);
        }

        return line.ToString();
    }
}
