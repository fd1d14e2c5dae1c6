using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Containers.Tests;

/// <summary>Reading the TLS settings; the TLS engine itself is in <see cref="TlsEngineTests"/>.</summary>
public sealed class DockerTlsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FromEnvironment_TlsVerifyUnset_IsNoTls(string? verify) =>
        DockerTls.FromEnvironment(name => name == "DOCKER_TLS_VERIFY" ? verify : _temp.Path).ShouldBeNull();

    [Fact]
    public void FromEnvironment_NoCertificates_NamesEveryMissingFileAndTheVariable()
    {
        var exception = Should.Throw<EngineConfigurationException>(() => DockerTls.FromEnvironment(Variables(_temp.Path)));

        exception.Message.ShouldStartWith($"DOCKER_TLS_VERIFY is set, but ca.pem, cert.pem, key.pem are missing from DOCKER_CERT_PATH={_temp.Path}: ca.pem is the CA");
    }

    [Fact]
    public void FromEnvironment_FilesThatAreNotPem_SaysTheyCannotBeRead()
    {
        foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            File.WriteAllText(_temp.Combine(file), "not a certificate\n");
        }

        var exception = Should.Throw<EngineConfigurationException>(() => DockerTls.FromEnvironment(Variables(_temp.Path)));

        exception.Message.ShouldStartWith($"the certificates in DOCKER_CERT_PATH={_temp.Path} cannot be read (ca.pem and cert.pem must be PEM certificates, key.pem the PEM private key of cert.pem): ");
    }

    [Fact]
    public void Connect_UnixEndpoint_IgnoresTheTlsSettings()
    {
        using var engine = DockerEngine.Connect(new Uri("unix:///run/no-such-docker.sock"), Variables(_temp.Path));

        engine.Name.ShouldBe("unix:///run/no-such-docker.sock");
    }

    private static Func<string, string?> Variables(string certPath) =>
        name => name switch { "DOCKER_TLS_VERIFY" => "1", "DOCKER_CERT_PATH" => certPath, _ => null };
}
