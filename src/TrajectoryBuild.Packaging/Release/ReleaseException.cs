namespace TrajectoryBuild.Packaging.Release;

/// <summary>A release was refused; the message says why and how to go on.</summary>
public sealed class ReleaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReleaseException()
    {
    }

    /// <summary>Creates the exception with a message that says why and how to go on.</summary>
    /// <param name="message">The message.</param>
    public ReleaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error behind it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ReleaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
