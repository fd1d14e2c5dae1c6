using System.Diagnostics;

namespace TrajectoryBuild.Testing;

/// <summary>
/// TLS certificates for a Docker Engine, made with openssl as the Docker docs make them: a CA, a server certificate
/// for 127.0.0.1 (IP SAN, serverAuth) and a client certificate (clientAuth), both signed by the CA. <see cref="Folder"/>
/// holds what a client needs under the names DOCKER_CERT_PATH expects (ca.pem, cert.pem, key.pem).
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(string folder) => Folder = folder;

    /// <summary>The openssl program, or null when it is not installed.</summary>
    public static string? Program => File.Exists("/usr/bin/openssl") ? "/usr/bin/openssl" : null;

    /// <summary>The client's folder: ca.pem, cert.pem, key.pem (and the server's files beside them).</summary>
    public string Folder { get; }

    public string CaCertificate => Path.Combine(Folder, "ca.pem");

    public string ClientCertificate => Path.Combine(Folder, "cert.pem");

    public string ClientKey => Path.Combine(Folder, "key.pem");

    public string ServerCertificate => Path.Combine(Folder, "server-cert.pem");

    public string ServerKey => Path.Combine(Folder, "server-key.pem");

    /// <summary>Makes a CA and the certificates it signs in <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">Where the files go.</param>
    /// <returns>The certificates.</returns>
    public static async Task<TestCertificates> CreateAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var certificates = new TestCertificates(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "client.ext"), "extendedKeyUsage=clientAuth\n").ConfigureAwait(false);
        string[] ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
        await OpenSslAsync(folder, ["req", "-x509", .. ec, "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-subj", "/CN=trajbuild test CA " + Guid.NewGuid().ToString("N")[..8]]).ConfigureAwait(false);
        foreach (var (name, key, subject, extensions) in new[] { ("server-cert.pem", "server-key.pem", "/CN=127.0.0.1", "server.ext"), ("cert.pem", "key.pem", "/CN=client", "client.ext") })
        {
            await OpenSslAsync(folder, ["req", .. ec, "-keyout", key, "-out", name + ".csr", "-subj", subject]).ConfigureAwait(false);
            await OpenSslAsync(folder, ["x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", name, "-days", "2", "-extfile", extensions]).ConfigureAwait(false);
        }

        return certificates;
    }

    private static async Task OpenSslAsync(string folder, IReadOnlyList<string> args)
    {
        using var process = Process.Start(new ProcessStartInfo(Program ?? throw new InvalidOperationException("openssl is not installed"), args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} exited with {process.ExitCode}: {await errors.ConfigureAwait(false)}");
        }
    }
}
