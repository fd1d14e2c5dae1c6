namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// Thrown inside an importer when a record is not what the format promises; the importer's loop turns it into a
/// <see cref="Quarantined"/> result for that record only.
/// </summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The JSON path (or other position inside the record) of the problem, e.g. <c>$.history[3].role</c>.</param>
    /// <param name="reason">What was found and what was expected.</param>
    public ImportException(string path, string reason)
        : base($"{path}: {reason}")
    {
        PathInRecord = path;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public ImportException()
        : this("$", "the record is not valid")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ImportException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        PathInRecord = "$";
        Reason = message;
    }

    /// <summary>Where in the record.</summary>
    public string PathInRecord { get; }

    /// <summary>What was wrong.</summary>
    public string Reason { get; }
}
