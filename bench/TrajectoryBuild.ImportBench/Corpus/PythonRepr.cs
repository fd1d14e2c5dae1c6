using System.Globalization;
using System.Text;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>Python's <c>repr()</c> of str, bool and None, as the nebius exports with a string trajectory carry it.</summary>
internal static class PythonRepr
{
    public static void Append(StringBuilder builder, string? value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (value is null)
        {
            builder.Append("None");
            return;
        }

        // repr() prefers single quotes; it uses double quotes when the text has a single quote and no double quote.
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case < ' ' or (>= '\u007f' and <= '\u00a0') or '\u00ad':
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                    break;
            }
        }

        builder.Append(quote);
    }

    public static void Append(StringBuilder builder, bool value) => builder.Append(value ? "True" : "False");
}
