using System.Globalization;

namespace TrajectoryBuild.Packaging.Release;

/// <summary>A Semantic Versioning 2.0.0 version (<c>MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]</c>), ordered by SemVer precedence.</summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private readonly string[] _prerelease;

    private SemanticVersion(long major, long minor, long patch, string[] prerelease, string? build, string text)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        Build = build;
        Text = text;
    }

    /// <summary>The major version.</summary>
    public long Major { get; }

    /// <summary>The minor version.</summary>
    public long Minor { get; }

    /// <summary>The patch version.</summary>
    public long Patch { get; }

    /// <summary>The pre-release identifiers (empty for a release).</summary>
    public IReadOnlyList<string> Prerelease => _prerelease;

    /// <summary>The build metadata, or null; it does not take part in precedence.</summary>
    public string? Build { get; }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Parses a version, or says what is wrong with it.</summary>
    /// <param name="text">The text, e.g. <c>1.2.0</c> or <c>2.0.0-rc.1</c>; no leading <c>v</c>.</param>
    /// <param name="version">The version, when it parses.</param>
    /// <param name="error">What is wrong, when it does not.</param>
    /// <returns>True when <paramref name="text"/> is a semantic version.</returns>
    public static bool TryParse(string? text, out SemanticVersion? version, out string? error)
    {
        version = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "a version is empty; expected MAJOR.MINOR.PATCH, e.g. 1.2.0";
            return false;
        }

        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var build = plus < 0 ? null : text[(plus + 1)..];
        var rest = plus < 0 ? text : text[..plus];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? rest : rest[..dash]).Split('.');
        var prerelease = dash < 0 ? [] : rest[(dash + 1)..].Split('.');
        error = text.StartsWith('v') || text.StartsWith('V') ? $"'{text}': drop the leading '{text[0]}' (the tag format adds it)"
            : core.Length != 3 ? $"'{text}' is not MAJOR.MINOR.PATCH (e.g. 1.2.0)"
            : core.FirstOrDefault(p => !IsNumber(p)) is { } bad ? $"'{text}': '{bad}' is not a number without leading zeros"
            : prerelease.FirstOrDefault(p => !IsIdentifier(p) || (p.All(char.IsAsciiDigit) && !IsNumber(p))) is { } pre ? $"'{text}': pre-release identifier '{pre}' must be [0-9A-Za-z-]+ without leading zeros in numbers"
            : build is not null && build.Split('.').Any(b => !IsIdentifier(b)) ? $"'{text}': build metadata '{build}' must be dot-separated [0-9A-Za-z-]+"
            : null;
        if (error is not null)
        {
            return false;
        }

        version = new SemanticVersion(Number(core[0]), Number(core[1]), Number(core[2]), prerelease, build, text);
        return true;
    }

    /// <summary>Parses a version.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">It is not a semantic version.</exception>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version! : throw new FormatException(error);

    /// <inheritdoc/>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }

        // A pre-release is lower than its release; identifiers compare one by one, numbers numerically and below text.
        if (_prerelease.Length == 0 || other._prerelease.Length == 0)
        {
            return other._prerelease.Length.CompareTo(_prerelease.Length);
        }

        for (var i = 0; i < Math.Min(_prerelease.Length, other._prerelease.Length); i++)
        {
            var compared = CompareIdentifier(_prerelease[i], other._prerelease[i]);
            if (compared != 0)
            {
                return compared;
            }
        }

        return _prerelease.Length.CompareTo(other._prerelease.Length);
    }

    /// <inheritdoc/>
    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', _prerelease));

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>True when <paramref name="left"/> precedes <paramref name="right"/>.</summary>
    public static bool operator <(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) < 0;

    /// <summary>True when <paramref name="left"/> follows <paramref name="right"/>.</summary>
    public static bool operator >(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) > 0;

    /// <summary>True when <paramref name="left"/> precedes or equals <paramref name="right"/>.</summary>
    public static bool operator <=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) <= 0;

    /// <summary>True when <paramref name="left"/> follows or equals <paramref name="right"/>.</summary>
    public static bool operator >=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) >= 0;

    /// <summary>True when both have the same precedence.</summary>
    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) == 0;

    /// <summary>True when they differ in precedence.</summary>
    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => Compare(left, right) != 0;

    private static int Compare(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static int CompareIdentifier(string left, string right)
    {
        bool leftNumber = left.All(char.IsAsciiDigit), rightNumber = right.All(char.IsAsciiDigit);
        return (leftNumber, rightNumber) switch
        {
            (true, true) => left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }

    private static bool IsNumber(string part) =>
        part.Length is > 0 and <= 18 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static bool IsIdentifier(string part) => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static long Number(string part) => long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
}
