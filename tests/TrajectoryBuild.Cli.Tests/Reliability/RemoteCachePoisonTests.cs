using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests.Reliability;

/// <summary>
/// A real trajbuild-test process against a real nginx WebDAV cache that another build filled, then poisoned: blobs whose
/// bytes no longer match their digest and entries that lie are never used (the build rebuilds those targets and ends
/// with the outputs of a clean build), and a read-only build sends nginx nothing but GET and HEAD. A writing build heals
/// the cache: it uploads the true bytes over a poisoned blob and its own entry over a lying one, so the next build on a
/// fresh state folder restores everything and rejects nothing.
/// </summary>
public sealed partial class RemoteCachePoisonTests : IDisposable
{
    private static readonly TestManifest s_manifest = new() { Tasks = [("t1", "1111111"), ("t2", "2222222"), ("t3", "3333333")] };
    private static readonly string[] s_writes = ["PUT", "MKCOL", "DELETE", "POST", "COPY", "MOVE", "PROPPATCH", "LOCK"];
    private readonly TempDirectory _temp = new();
    private readonly TestBuildProcesses _builds;

    public RemoteCachePoisonTests() => _builds = new TestBuildProcesses(_temp, s_manifest);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Build_PoisonedBlobsAndEntriesOnNginx_AreNeverUsed_ReadOnlyBuildsSendOnlyGetAndHead_AndAWritingBuildHealsThem()
    {
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        await _builds.ReferenceAsync();
        using (var fill = _builds.Start(_builds.Workspace("fill"), _temp.Combine("trace-fill"), 0, "--cache-url", nginx.Url))
        {
            (await fill.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0, fill.Stdout + fill.Stderr);
        }

        var served = Directory.GetFiles(nginx.CacheDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        var blobs = served.Keys.Where(f => f.Contains("/cas/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var entries = served.Keys.Where(f => f.Contains("/ac/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        (string Name, Action Poison)[] poisons =
        [
            ("a blob with one byte changed", () => { var b = served[blobs[0]].ToArray(); b[0] ^= 0x20; File.WriteAllBytes(blobs[0], b); }),
            ("a blob cut to nothing", () => File.WriteAllBytes(blobs[1], [])),
            ("a blob holding another blob's bytes", () => File.WriteAllBytes(blobs[2], served[blobs[3]])),
            ("an entry whose preimage does not hash to its key", () => Rewrite(entries[0], e => e["preimage"]!["poisoned"] = true)),
            ("an entry naming its outputs with other sizes", () => Rewrite(entries[1], e => e["outputs"]!.AsObject().First().Value!["size"] = 1)),
            ("an entry that is not JSON", () => File.WriteAllText(entries[2], "<html>poisoned</html>")),
        ];
        using var poisonRow = ReliabilityRecord.Start("Remote cache", $"poisoned nginx cache, read by a real trajbuild process: {string.Join("; ", poisons.Select(p => p.Name))}");
        using var readOnlyRow = ReliabilityRecord.Start("Remote cache", "--cache-read-only build against a real nginx cache (the same builds)");
        using var healRow = ReliabilityRecord.Start("Remote cache", "the same poisoned nginx cache, then a writing trajbuild build and after it a read-only one on a fresh state folder");
        foreach (var (name, poison) in poisons)
        {
            foreach (var (file, bytes) in served)
            {
                File.WriteAllBytes(file, bytes);
            }

            poison();
            var requests = nginx.Requests.Count;
            var workspace = _builds.Workspace($"poisoned-{poisonRow.Cases}");
            var trace = _temp.Combine($"trace-poisoned-{poisonRow.Cases}");
            using var build = _builds.Start(workspace, trace, 0, "--cache-url", nginx.Url, "--cache-read-only");
            (await build.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0, $"{name}\n{build.Stdout}{build.Stderr}");

            var stats = RemoteStats().Match(build.Stdout);
            stats.Success.ShouldBeTrue(build.Stdout);
            int.Parse(stats.Groups["rejected"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1, name);
            build.Stderr.ShouldMatch(@"remote cache: (blob \w+ hashes to \w+ \(corrupt or poisoned\); not used|the entry for \w+ (is not a valid entry for that key|names blobs of other sizes); ignored)", name);
            TestBuildProcesses.Executions(trace).ShouldNotBeEmpty($"{name}: the poisoned target is built here");
            await _builds.ShouldMatchReferenceAsync(workspace, context: name);
            CacheConsistency.CompleteTargets(Path.Combine(workspace, ".trajbuild", "cache"));
            poisonRow.Case();

            var sent = nginx.Requests.Skip(requests).ToList();
            sent.ShouldNotBeEmpty();
            sent.ShouldAllBe(r => !s_writes.Any(w => r.StartsWith(w + " ", StringComparison.Ordinal)), $"{name}: a read-only build wrote to the cache");
            readOnlyRow.Case();

            var healing = await BuildAsync($"healing-{healRow.Cases}", name, nginx.Url);
            Rejected(healing.Stdout).ShouldBeGreaterThanOrEqualTo(1, name);
            ServerBlobsNotMatchingTheirName(nginx.CacheDirectory).ShouldBeEmpty($"{name}: the writing build left a poisoned blob on the server");
            var healed = await BuildAsync($"healed-{healRow.Cases}", name, nginx.Url, "--cache-read-only");
            Rejected(healed.Stdout).ShouldBe(0, $"{name}\n{healed.Stdout}{healed.Stderr}");
            TestBuildProcesses.Executions(_temp.Combine($"trace-healed-{healRow.Cases}")).ShouldBeEmpty($"{name}: after the writing build, every target is restored from the cache");
            await _builds.ShouldMatchReferenceAsync(_temp.Combine($"healed-{healRow.Cases}"), context: name);
            healRow.Case();
        }

        poisonRow.Passed("never used: each build warned (\"not used\" / \"ignored\"), counted it rejected, built that target itself and ended with the lock "
            + "and outputs of a clean build; no local cache entry was corrupt");
        readOnlyRow.Passed("nginx's access log shows only GET and HEAD from these builds: no PUT, MKCOL, DELETE, POST, COPY, MOVE, PROPPATCH or LOCK");
        healRow.Passed("healed: the writing build rejected the poison, built the target and uploaded the true bytes over the bad blob (a PUT replaces it) "
            + "or its entry over the lying one; after it every blob on the server hashed to its name, and the next build restored every target "
            + "from the cache with 0 rejected and the lock and outputs of a clean build");
    }

    // A finished build in a fresh workspace named <paramref name="folder"/> (its trace in trace-<folder>): exit 0, with the cache line.
    private async Task<(string Stdout, string Stderr)> BuildAsync(string folder, string poison, string url, params string[] more)
    {
        using var build = _builds.Start(_builds.Workspace(folder), _temp.Combine($"trace-{folder}"), 0, ["--cache-url", url, .. more]);
        (await build.WaitAsync(TestBuildProcesses.Timeout)).ShouldBe(0, $"{poison}\n{build.Stdout}{build.Stderr}");
        return (build.Stdout, build.Stderr);
    }

    private static int Rejected(string stdout)
    {
        var stats = AnyRemoteStats().Match(stdout);
        stats.Success.ShouldBeTrue(stdout);
        return int.Parse(stats.Groups["rejected"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> ServerBlobsNotMatchingTheirName(string cache) =>
        [.. Directory.GetFiles(Path.Combine(cache, "cas")).Where(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) != Path.GetFileName(f))];

    private static void Rewrite(string entry, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(entry))!;
        change(json);
        File.WriteAllText(entry, json.ToJsonString());
    }

    [GeneratedRegex(@"Remote cache: (?<restored>\d+) restored, \d+ missing, 0 uploaded, \d+ failed requests, (?<rejected>\d+) rejected")]
    private static partial Regex RemoteStats();

    [GeneratedRegex(@"Remote cache: \d+ restored, \d+ missing, \d+ uploaded, \d+ failed requests, (?<rejected>\d+) rejected")]
    private static partial Regex AnyRemoteStats();
}
