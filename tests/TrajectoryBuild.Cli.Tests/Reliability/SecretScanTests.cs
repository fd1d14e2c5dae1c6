using System.Net;
using System.Text;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests.Reliability;

/// <summary>
/// The secrets a build reads from its environment (a model's and the verifier model's API keys through api_key_env, the
/// shared cache's token or user and password) are used, and never written: a real trajbuild process builds the demo
/// through Package with a real nginx cache and models behind a recording proxy, and every file of the workspace, its
/// state folder, the exported outputs and the cache server, and all it printed, is scanned for them.
/// </summary>
public sealed class SecretScanTests : IDisposable
{
    private const string ModelKey = "sk-model-secret-5c1e9f0a7d3b";
    private const string JudgeKey = "sk-judge-secret-83b2e6d4c901";
    private const string CacheToken = "tb-cache-secret-2f7a4c9e11";
    private const string CachePassword = "pw-cache-secret-6d0b8e3a57";
    private const string GitHubToken = "ghp_secretReliability0123456789abcdefAB";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_DemoWithModelKeysAndCacheCredentials_UsesThemAndWritesThemNowhere()
    {
        await Requires.DockerAsync();
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        var judgeScripts = Directory.CreateDirectory(_temp.Combine("judge-scripts")).FullName;
        File.WriteAllText(Path.Combine(judgeScripts, "judge.json"), JudgeScript());
        await using var models = await ScriptedChatServer.StartAsync(
            [.. ChatScript.LoadFolder(judgeScripts), .. ChatScript.LoadFolder(Path.Combine(RepositoryRoot.Path, "samples", "models", "scripted-demo"))],
            TestContext.Current.CancellationToken);
        using var proxy = new RecordingProxy(models.BaseUrl);
        var manifest = DemoWorkspace.CopyDemo(_temp, "demo", text => text
            .Replace("    scripted: samples/models/scripted-demo\n", $"    endpoint: {proxy.BaseUrl}\n    api_key_env: TRAJBUILD_SECRET_MODEL_KEY\n", StringComparison.Ordinal)
            .Replace("models:\n", $"models:\n  judge: {{endpoint: \"{proxy.BaseUrl}\", model: judge-1, api_key_env: TRAJBUILD_SECRET_JUDGE_KEY}}\n", StringComparison.Ordinal)
            .Replace("    kind: rules ", "    kind: model\n    model: judge\n    prompt: judge.md\n   ", StringComparison.Ordinal));
        var workspace = Path.GetDirectoryName(manifest)!;
        File.WriteAllText(Path.Combine(workspace, "judge.md"), "Score every turn of this trajectory. Answer JSON.");
        var environment = new Dictionary<string, string>
        {
            ["TRAJBUILD_SECRET_MODEL_KEY"] = ModelKey,
            ["TRAJBUILD_SECRET_JUDGE_KEY"] = JudgeKey,
            ["TRAJBUILD_CACHE_TOKEN"] = CacheToken,
            ["TRAJBUILD_CACHE_USER"] = "builder",
            ["TRAJBUILD_CACHE_PASSWORD"] = CachePassword,
            ["GITHUB_TOKEN"] = GitHubToken,
        };
        using var row = ReliabilityRecord.Start("Secrets", "model and verifier-model API keys (api_key_env), cache token, cache user and password, GITHUB_TOKEN set for a real demo build through Package with a remote cache");

        var output = new StringBuilder();
        foreach (var args in new[]
        {
            new[] { "build", "--manifest", manifest, "--stage", "Package", "--cache-url", nginx.Url },
            ["show", "--manifest", manifest, "Package/dataset/demo", "--out", Path.Combine(workspace, "dist")],
        })
        {
            using var child = ChildProcess.Start("trajbuild", args, workspace, environment);
            (await child.WaitAsync(TimeSpan.FromMinutes(5))).ShouldBe(0, child.Stdout + child.Stderr);
            output.Append(child.Stdout).Append(child.Stderr);
        }

        // Used: the build sent each model its key (so the scan below is not vacuous), and uploaded with the token.
        proxy.Authorizations.ShouldContain($"Bearer {ModelKey}");
        proxy.Authorizations.ShouldContain($"Bearer {JudgeKey}");
        output.ToString().ShouldContain("(read-write, bearer auth)");
        nginx.Requests.ShouldContain(r => r.StartsWith("PUT /cache/ac/", StringComparison.Ordinal));

        string[] secrets = [ModelKey, JudgeKey, CacheToken, CachePassword, GitHubToken, Convert.ToBase64String(Encoding.UTF8.GetBytes($"builder:{CachePassword}"))];
        var scanned = new List<(string Where, byte[] Bytes)> { ("the commands' stdout and stderr", Encoding.UTF8.GetBytes(output.ToString())) };
        scanned.AddRange(Directory.EnumerateFiles(workspace, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f))));
        scanned.AddRange(Directory.EnumerateFiles(nginx.CacheDirectory, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllBytes(f))));
        scanned.ShouldContain(s => s.Where.EndsWith("datasets.lock", StringComparison.Ordinal));
        scanned.ShouldContain(s => s.Where.Contains($"{Path.DirectorySeparatorChar}dist{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var (where, bytes) in scanned)
        {
            foreach (var secret in secrets)
            {
                bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"{where} holds a secret");
            }

            row.Case();
        }

        row.Passed($"each secret was used (the models got their bearer keys, the cache its token) and none, nor the basic-auth pair in base64, appears in any of "
            + "the scanned files (keys, logs, reports, datasets.lock, the cache, the exported outputs, the server's cache) or in the captured stdout/stderr; cases = files and streams scanned");
    }

    private static string JudgeScript() => ScriptedJudge.Responses(
        "{\"turns\": [{\"turn\": 0, \"relevance\": 3, \"factual_grounding\": 3, \"tool_selection\": 3, \"redundancy\": 3, \"unsafe_edits\": 3, \"evidence\": \"fine\"}]}");

    /// <summary>An HTTP proxy on 127.0.0.1 that records each request's Authorization header and forwards it to <c>upstream</c>.</summary>
    private sealed class RecordingProxy : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly HttpClient _client = new();
        private readonly Uri _upstream;
        private readonly List<string> _authorizations = [];

        public RecordingProxy(Uri upstream)
        {
            _upstream = upstream;
            var port = LoopbackPort.Free();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/v1");
            _ = ServeAsync();
        }

        public Uri BaseUrl { get; }

        public IReadOnlyList<string> Authorizations
        {
            get
            {
                lock (_authorizations)
                {
                    return [.. _authorizations];
                }
            }
        }

        public void Dispose()
        {
            _listener.Close();
            _client.Dispose();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                lock (_authorizations)
                {
                    _authorizations.Add(context.Request.Headers["Authorization"] ?? "(none)");
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var path = context.Request.Url!.AbsolutePath["/v1".Length..];
                using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_upstream + path)) { Content = new ByteArrayContent(body.ToArray()) };
                forwarded.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var answer = await _client.SendAsync(forwarded);
                var bytes = await answer.Content.ReadAsByteArrayAsync();
                context.Response.StatusCode = (int)answer.StatusCode;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
