using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace TrajectoryBuild.Containers;

/// <summary>
/// TLS to a tcp:// engine, configured as the Docker CLI configures it: <c>DOCKER_TLS_VERIFY</c> set to anything
/// turns it on, and <c>DOCKER_CERT_PATH</c> (default <c>~/.docker</c>) holds <c>ca.pem</c>, the CA that signed the
/// engine's certificate, and <c>cert.pem</c> + <c>key.pem</c>, the client certificate the engine checks. The engine's
/// certificate must chain to ca.pem alone (the system's CAs play no part) and name the host it is reached at.
/// </summary>
internal sealed class DockerTls : IDisposable
{
    public const string VerifyVariable = "DOCKER_TLS_VERIFY";
    public const string CertPathVariable = "DOCKER_CERT_PATH";

    private static readonly string[] s_files = ["ca.pem", "cert.pem", "key.pem"];

    private readonly X509Certificate2 _authority;
    private readonly X509Certificate2 _client;
    private volatile string? _rejection;

    private DockerTls(string source, X509Certificate2 authority, X509Certificate2 client)
    {
        Source = source;
        _authority = authority;
        _client = client;
    }

    /// <summary>Where the certificates came from, for messages: the folder and the variable that named it.</summary>
    public string Source { get; }

    /// <summary>Why the engine's certificate was last refused, or null when none was.</summary>
    public string? Rejection => _rejection;

    /// <summary>The TLS settings the environment asks for, or null when <c>DOCKER_TLS_VERIFY</c> is not set.</summary>
    /// <exception cref="EngineConfigurationException">A certificate file is missing or unreadable.</exception>
    public static DockerTls? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrEmpty(environment(VerifyVariable)))
        {
            return null;
        }

        var named = environment(CertPathVariable);
        var folder = string.IsNullOrEmpty(named) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker") : named;
        var source = string.IsNullOrEmpty(named) ? $"{folder} (the default: {CertPathVariable} is not set)" : $"{CertPathVariable}={folder}";
        var missing = s_files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new EngineConfigurationException(
                $"{VerifyVariable} is set, but {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing from {source}: "
                + "ca.pem is the CA that signed the engine's certificate, cert.pem and key.pem the client certificate and key the engine accepts");
        }

        try
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));
            return new DockerTls(source, authority, DockerTlsCertificates.LoadCertificateFromPemFiles(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem")));
        }
        catch (CryptographicException exception)
        {
            throw new EngineConfigurationException(
                $"the certificates in {source} cannot be read (ca.pem and cert.pem must be PEM certificates, key.pem the PEM private key of cert.pem): {exception.Message}", exception);
        }
    }

    /// <summary>What the Docker client presents and checks: the client certificate, and <see cref="Validate"/>.</summary>
    public IAuthProvider Credentials() => new CertificateCredentials(_client) { ServerCertificateValidationCallback = Validate };

    public void Dispose()
    {
        _authority.Dispose();
        _client.Dispose();
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            _rejection = "the engine presented no certificate";
            return false;
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            _rejection = $"the engine's certificate ({server.Subject}) does not name the host it was reached at: its subjectAltName must list that name or IP address";
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        own.ChainPolicy.CustomTrustStore.Add(_authority);
        if (own.Build(server))
        {
            return true;
        }

        var why = string.Join("; ", own.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        _rejection = $"the engine's certificate ({server.Subject}, issued by {server.Issuer}) is not signed by the CA in ca.pem of {Source} ({_authority.Subject}){(why.Length > 0 ? $": {why}" : string.Empty)}";
        return false;
    }
}
