using System.Net;
using System.Security.Authentication;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace TrajectoryBuild.Containers;

/// <summary>
/// A Docker Engine the container stages talk to: DOCKER_HOST when set, else the local socket; over TLS when
/// DOCKER_TLS_VERIFY asks for it (<see cref="DockerTls"/>). One client per engine; Docker.DotNet clients are thread-safe.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";
    public const string HostVariable = "DOCKER_HOST";

    private static readonly TimeSpan s_pingTimeout = TimeSpan.FromSeconds(10);

    private readonly DockerTls? _tls;

    /// <summary>A client of the engine at <paramref name="endpoint"/>; with <paramref name="tls"/>, a tcp:// one speaks TLS.</summary>
    public DockerEngine(Uri endpoint, DockerTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _tls = endpoint.Scheme == "tcp" ? tls : null;
        var builder = new DockerClientBuilder().WithEndpoint(endpoint);
        Client = (_tls is null ? builder : builder.WithAuthProvider(_tls.Credentials())).Build();
    }

    public Uri Endpoint { get; }

    public IDockerClient Client { get; }

    /// <summary>The endpoint as the user writes it (tcp://host:port, unix:///path), for messages.</summary>
    public string Name => EngineEntry.Describe(Endpoint);

    /// <summary>The engine DOCKER_HOST names, else the local socket, with the TLS settings of the environment.</summary>
    public static DockerEngine FromEnvironment() => Connect(EndpointFrom(Environment.GetEnvironmentVariable), Environment.GetEnvironmentVariable);

    /// <summary>DOCKER_HOST, else the local socket.</summary>
    public static Uri EndpointFrom(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Uri(environment(HostVariable) is { } host && !string.IsNullOrWhiteSpace(host) ? host : DefaultEndpoint);
    }

    /// <summary>A client of <paramref name="endpoint"/>, over TLS when it is tcp:// and DOCKER_TLS_VERIFY is set.</summary>
    /// <exception cref="EngineConfigurationException">TLS is asked for and a certificate file is missing or unreadable.</exception>
    public static DockerEngine Connect(Uri endpoint, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new DockerEngine(endpoint, endpoint.Scheme == "tcp" ? DockerTls.FromEnvironment(environment) : null);
    }

    /// <summary>
    /// Checks that the engine answers; throws <see cref="DockerUnavailableException"/> with what to do when not, and
    /// <see cref="EngineConfigurationException"/> when it answered but TLS does not match (which file, which variable).
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_pingTimeout);
        try
        {
            await Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Explain(exception);
        }
    }

    /// <summary>The engine's record of image <paramref name="name"/>, or null when it does not have the image.</summary>
    public async Task<ImageInspectResponse?> FindImageAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.Images.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _tls?.Dispose();
    }

    private Exception Explain(Exception exception)
    {
        if (exception is DockerApiException { StatusCode: HttpStatusCode.BadRequest } api && api.ResponseBody?.Contains("HTTPS server", StringComparison.Ordinal) == true)
        {
            return new EngineConfigurationException(
                $"the Docker Engine at {Name} speaks TLS only: set {DockerTls.VerifyVariable}=1 and {DockerTls.CertPathVariable} to a folder with ca.pem, cert.pem and key.pem",
                exception);
        }

        if (_tls is not null && Causes(exception).Any(e => e is AuthenticationException))
        {
            // A TLS alert is the engine's answer (OpenSSL says "alert bad certificate"); anything else may be a plain engine.
            var cause = exception.GetBaseException().Message;
            var refused = $"the client certificate cert.pem of {_tls.Source}, which must be signed by a CA the engine trusts (its --tlscacert) and allow clientAuth";
            return new EngineConfigurationException(
                _tls.Rejection is { } why ? $"TLS with the Docker Engine at {Name} failed: {why}"
                : cause.Contains("alert", StringComparison.OrdinalIgnoreCase) ? $"TLS with the Docker Engine at {Name} failed ({cause}): the engine refused {refused}"
                : $"TLS with the Docker Engine at {Name} failed ({cause}): the engine may not speak TLS (unset {DockerTls.VerifyVariable} for a plain one), or it refused {refused}",
                exception);
        }

        return new DockerUnavailableException(
            $"no Docker Engine at {Name}: start dockerd, or set DOCKER_HOST ({exception.GetBaseException().Message})",
            exception);
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
