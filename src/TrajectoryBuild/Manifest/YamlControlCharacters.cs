using System.Globalization;

namespace TrajectoryBuild.Manifest;

/// <summary>
/// Finds the first character YAML does not allow raw in a file (YAML 1.2, 5.1: control characters other than tab and
/// line breaks, U+FFFE, U+FFFF, unpaired surrogates). YamlDotNet reads a NUL as a space, and lets other control
/// characters into values; a manifest with one is a damaged file, reported where the character is.
/// </summary>
internal static class YamlControlCharacters
{
    public static (int Line, int Column, string What)? First(string yaml)
    {
        var (line, lineStart) = (1, 0);
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (c == '\n')
            {
                (line, lineStart) = (line + 1, i + 1);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < yaml.Length && char.IsLowSurrogate(yaml[i + 1]))
            {
                i++;
            }
            else if (!IsPrintable(c))
            {
                var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                var what = c == '\0' ? "a NUL character (U+0000)" : char.IsSurrogate(c) ? $"an unpaired surrogate (U+{code})" : $"the control character U+{code}";
                return (line, i - lineStart + 1, what);
            }
        }

        return null;
    }

    private static bool IsPrintable(char c) =>
        c is '\t' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');
}
