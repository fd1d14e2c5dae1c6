using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Containers.Tests;

/// <summary>
/// A Docker Engine that speaks TLS only and verifies clients (a second dockerd started with <c>--tlsverify</c> and
/// certificates openssl made), reached as the Docker CLI reaches it: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
/// </summary>
public sealed class TlsEngineTests(BaseImageFixture fixture) : IDisposable
{
    private static readonly string[] s_certPathFiles = ["ca.pem", "cert.pem", "key.pem"];

    private readonly TempDirectory _temp = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Connect_TlsVerifyAndCertPath_CopiesTheBaseImageAndRunsAContainerOverTls()
    {
        var image = await fixture.ImageAsync();
        var certificates = await CertificatesAsync("certs");
        using var daemon = await SecondDockerDaemon.StartAsync(certificates);
        using var engine = DockerEngine.Connect(new Uri(daemon.Host), Lookup(daemon.ClientEnvironment));
        await engine.PingAsync(Cancellation);
        var rootfs = BaseImage.RootfsDigest((await fixture.Engine.FindImageAsync(image, Cancellation))!)!;
        var progress = new List<string>();

        await new BaseImage(engine, _temp.Combine("images")).EnsureRecordedAsync(BaseImageFixture.Spec, rootfs, [fixture.Engine], progress.Add, Cancellation);
        var input = Directory.CreateDirectory(_temp.Combine("in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "hello.txt"), "hello over TLS\n", Cancellation);
        var result = await new ContainerRunner(engine).RunAsync(new ContainerSpec(image, ["cat", "/in/hello.txt"]) { CopyIn = [new ContainerCopy(input, "/in")] }, Cancellation);

        progress.ShouldContain(line => line.StartsWith($"copying {image}", StringComparison.Ordinal), "the base image comes from the other engine, not from debootstrap");
        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe("hello over TLS\n");
    }

    [Fact]
    public async Task PingAsync_TlsEngineReachedWrongly_SaysWhichFileOrVariableToFix()
    {
        await Requires.SecondDaemonAsync();
        var certificates = await CertificatesAsync("certs");
        var other = await CertificatesAsync("other");
        using var daemon = await SecondDockerDaemon.StartAsync(certificates);
        var endpoint = new Uri(daemon.Host);
        var noClientCertificate = Folder("no-client", certificates.CaCertificate);
        var foreignCa = Folder("foreign-ca", other.CaCertificate, certificates.ClientCertificate, certificates.ClientKey);
        var foreignClient = Folder("foreign-client", certificates.CaCertificate, other.ClientCertificate, other.ClientKey);

        var plain = await PingFailsAsync(endpoint, new Dictionary<string, string>());
        var missing = Should.Throw<EngineConfigurationException>(() => DockerEngine.Connect(endpoint, Lookup(Tls(noClientCertificate))));
        var unsigned = await PingFailsAsync(endpoint, Tls(foreignCa));
        var refused = await PingFailsAsync(endpoint, Tls(foreignClient));

        plain.Message.ShouldBe($"the Docker Engine at {daemon.Host} speaks TLS only: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a folder with ca.pem, cert.pem and key.pem");
        missing.Message.ShouldStartWith($"DOCKER_TLS_VERIFY is set, but cert.pem, key.pem are missing from DOCKER_CERT_PATH={noClientCertificate}: ");
        unsigned.Message.ShouldStartWith($"TLS with the Docker Engine at {daemon.Host} failed: the engine's certificate (CN=127.0.0.1, issued by CN=trajbuild test CA ");
        unsigned.Message.ShouldContain($"is not signed by the CA in ca.pem of DOCKER_CERT_PATH={foreignCa}");
        refused.Message.ShouldStartWith($"TLS with the Docker Engine at {daemon.Host} failed (");
        refused.Message.ShouldContain($"the engine refused the client certificate cert.pem of DOCKER_CERT_PATH={foreignClient}, which must be signed by a CA the engine trusts");
    }

    private static async Task<EngineConfigurationException> PingFailsAsync(Uri endpoint, IReadOnlyDictionary<string, string> environment)
    {
        using var engine = DockerEngine.Connect(endpoint, Lookup(environment));
        return await Should.ThrowAsync<EngineConfigurationException>(() => engine.PingAsync(Cancellation));
    }

    private static Dictionary<string, string> Tls(string folder) => new() { ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = folder };

    private static Func<string, string?> Lookup(IReadOnlyDictionary<string, string> environment) => name => environment.GetValueOrDefault(name);

    private async Task<TestCertificates> CertificatesAsync(string folder)
    {
        await Requires.SecondDaemonAsync();
        Requires.OpenSsl();
        return await TestCertificates.CreateAsync(_temp.Combine(folder));
    }

    // A DOCKER_CERT_PATH folder holding the given files under the names it expects, in this order: ca.pem, cert.pem, key.pem.
    private string Folder(string name, params string[] files)
    {
        var folder = Directory.CreateDirectory(_temp.Combine(name)).FullName;
        foreach (var (file, target) in files.Zip(s_certPathFiles))
        {
            File.Copy(file, Path.Combine(folder, target));
        }

        return folder;
    }
}
