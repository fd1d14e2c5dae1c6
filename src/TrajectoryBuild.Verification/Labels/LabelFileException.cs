namespace TrajectoryBuild.Verification.Labels;

/// <summary>A label file that cannot be read: which file, which line (1-based, 0 when the whole file), what is wrong and how to fix it.</summary>
public sealed class LabelFileException : Exception
{
    public LabelFileException()
    {
    }

    public LabelFileException(string message)
        : base(message)
    {
    }

    public LabelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LabelFileException(string path, int line, string problem, string? hint = null, Exception? innerException = null)
        : base(Format(path, line, problem, hint), innerException)
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file.</summary>
    public string? Path { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public int Line { get; }

    private static string Format(string path, int line, string problem, string? hint) =>
        $"{path}{(line > 0 ? $":{line}" : "")}: {problem}{(hint is null ? "" : $" ({hint})")}";
}
