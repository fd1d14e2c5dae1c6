namespace TrajectoryBuild.Containers;

/// <summary>
/// The engines are configured wrongly: a bad <c>TRAJBUILD_ENGINES</c> entry, a missing TLS certificate, or an engine
/// that answered but not over the TLS it was asked for. Unlike <see cref="DockerUnavailableException"/>, this never
/// means "no engine, fall back to the local executor": the user asked for something that cannot work as written.
/// </summary>
public sealed class EngineConfigurationException : Exception
{
    public EngineConfigurationException()
    {
    }

    public EngineConfigurationException(string message)
        : base(message)
    {
    }

    public EngineConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
