namespace TrajectoryBuild.MacroBench;

/// <summary>A bad command line: the message says what is wrong and how to fix it.</summary>
internal sealed class MacroBenchUsageException : Exception
{
    public MacroBenchUsageException()
    {
    }

    public MacroBenchUsageException(string message)
        : base(message)
    {
    }

    public MacroBenchUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
