namespace TrajectoryBuild.MacroBench;

/// <summary>A benchmark could not run or its result was wrong: the message says what, and how to fix it.</summary>
internal sealed class MacroBenchFailedException : Exception
{
    public MacroBenchFailedException()
    {
    }

    public MacroBenchFailedException(string message)
        : base(message)
    {
    }

    public MacroBenchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
