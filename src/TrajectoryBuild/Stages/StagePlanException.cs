namespace TrajectoryBuild.Stages;

/// <summary>
/// A stage cannot declare its targets because of its input (a folder the manifest names is missing, say): the build
/// stops before running anything and the CLI prints the message, which says what is wrong and how to fix it.
/// </summary>
public sealed class StagePlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StagePlanException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StagePlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StagePlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
