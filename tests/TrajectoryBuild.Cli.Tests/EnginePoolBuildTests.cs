using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>A build spread over a pool of Docker Engines (<c>TRAJBUILD_ENGINES</c>), each with its own limit.</summary>
public sealed partial class EnginePoolBuildTests : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private string? _marked;

    // The local engine is shared with other tests: it keeps none of the images only this test's manifest names.
    public async ValueTask DisposeAsync()
    {
        if (_marked is not null)
        {
            var (_, recorded, _) = await CliRunner.RunRealAsync("show", "--manifest", _marked, "Environment/python-bookworm", "image.json");
            var env = recorded.Length > 0 ? JsonNode.Parse(recorded)?["env_image"]?.GetValue<string>() : null;
            await SecondDockerDaemon.Docker(null, ["rmi", .. await TaskImagesAsync(_marked), .. env is null ? Array.Empty<string>() : [env]]);
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Build_PoolOfTheLocalEngineAndALoopbackOne_SpreadsTheTasksWithinTheLimitsAndKeepsTheKeys()
    {
        await Requires.SecondDaemonAsync();
        // A setup line of this test's own gives its env and task images names no other test uses, so this build's
        // containers can be told apart from other tests' on the shared local engine; one stability run keeps it short.
        var marker = Guid.NewGuid().ToString("N")[..12];
        string Edit(string text) => text
            .Replace("    setup: []", $"    setup: [\"echo {marker} > /etc/trajbuild-pool-test\"]", StringComparison.Ordinal)
            .Replace("stability_runs: 2", "stability_runs: 1", StringComparison.Ordinal);
        var single = _marked = DemoWorkspace.CopyDemo(_temp, "single", Edit);
        var alone = await CliRunner.RunRealAsync("build", "--manifest", single, "--stage", "Reproduce");
        alone.ExitCode.ShouldBe(0, alone.Stdout + alone.Stderr);
        // The second engine starts empty: it gets the base image from the local one through the build (not copied here).
        using var remote = await SecondDockerDaemon.StartAsync();
        var since = Now();

        var pooled = DemoWorkspace.CopyDemo(_temp, "pooled", Edit);
        using var child = ChildProcess.Start("trajbuild", ["build", "--manifest", pooled, "--stage", "Reproduce", "--jobs", "4"], _temp.Path, new Dictionary<string, string>
        {
            ["TRAJBUILD_ENGINES"] = $"{DockerEngine.DefaultEndpoint}=1, {remote.Host}=1",
            ["CI"] = "true",
        });
        var code = await child.WaitAsync(TimeSpan.FromMinutes(10));
        var until = Now();

        code.ShouldBe(0, child.Stdout + child.Stderr);
        child.Stdout.ShouldContain("3 reproduced, 0 rejected");
        child.Stdout.ShouldContain("copying trajbuild/base:", customMessage: "the second engine got the base image the Environment target recorded from the first");
        var served = StatsLine().Matches(child.Stdout).ToDictionary(m => m.Groups["engine"].Value, m => (Served: int.Parse(m.Groups["served"].Value, CultureInfo.InvariantCulture), Most: int.Parse(m.Groups["most"].Value, CultureInfo.InvariantCulture)));
        served.Keys.ShouldBe([DockerEngine.DefaultEndpoint, remote.Host]);
        served.Values.ShouldAllBe(s => s.Served >= 1 && s.Most == 1);
        served.Values.Sum(s => s.Served).ShouldBe(4, "the Environment target and the three Reproduce targets");
        Keys(pooled).ShouldBe(Keys(single), "which engine ran a target is in no key");

        // The engines' own record: containers this build created on each, never two at once (limit 1). The second
        // engine ran nothing else; on the shared local one, only containers of this build's task images count.
        var taskImages = await TaskImagesAsync(pooled);
        taskImages.Count.ShouldBe(3);
        var here = await ContainersAsync(null, since, until, [.. taskImages.Select(i => $"--filter=image={i}")]);
        var there = await ContainersAsync(remote.Host, since, until, []);
        here.Created.ShouldBeGreaterThan(0);
        there.Created.ShouldBeGreaterThan(0);
        here.MostAtOnce.ShouldBe(1);
        there.MostAtOnce.ShouldBe(1);
    }

    [Theory]
    [InlineData("TRAJBUILD_ENGINES", "tcp://127.0.0.1:2375=0", "error: TRAJBUILD_ENGINES: 'tcp://127.0.0.1:2375=0': the limit '0' is not a whole number of at least 1.")]
    [InlineData("DOCKER_CERT_PATH", "", "error: DOCKER_TLS_VERIFY is set, but ca.pem, cert.pem, key.pem are missing from DOCKER_CERT_PATH=")]
    public async Task Build_EnginesConfiguredWrongly_StopsBeforeBuildingWithWhatToFix(string variable, string value, string expected)
    {
        var manifest = DemoWorkspace.CopyDemo(_temp, "demo");
        var environment = new Dictionary<string, string> { [variable] = value.Length > 0 ? value : _temp.Combine("no-certificates") };
        if (variable == "DOCKER_CERT_PATH")
        {
            environment["DOCKER_TLS_VERIFY"] = "1";
            environment["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
        }

        using var child = ChildProcess.Start("trajbuild", ["build", "--manifest", manifest, "--stage", "Environment"], _temp.Path, environment);
        var code = await child.WaitAsync(TimeSpan.FromMinutes(2));

        code.ShouldBe(1, child.Stdout + child.Stderr);
        child.Stderr.ShouldStartWith(expected);
        child.Stdout.ShouldNotContain("built");
    }

    private static string Now() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    // How many containers the engine created between the two instants, and the most that existed at once.
    private static async Task<(int Created, int MostAtOnce)> ContainersAsync(string? host, string since, string until, IReadOnlyList<string> filters)
    {
        var (code, events, errors) = await SecondDockerDaemon.Docker(host,
            ["events", "--since", since, "--until", until, "--filter", "type=container", "--filter", "event=create", "--filter", "event=destroy", .. filters, "--format", "{{.TimeNano}} {{.Action}}"]);
        code.ShouldBe(0, errors);
        var timeline = events.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).OrderBy(e => long.Parse(e[0], CultureInfo.InvariantCulture)).ToList();
        var (now, most) = (0, 0);
        foreach (var change in timeline)
        {
            now += change[1] == "create" ? 1 : -1;
            most = Math.Max(most, now);
        }

        return (timeline.Count(e => e[1] == "create"), most);
    }

    // The task image each Reproduce target built so far ran its tests in, as its validation.json records it.
    private static async Task<List<string>> TaskImagesAsync(string manifest)
    {
        var images = new List<string>();
        foreach (var target in Keys(manifest).Keys.Where(t => t.StartsWith("Reproduce/demo__", StringComparison.Ordinal)))
        {
            var (code, json, _) = await CliRunner.RunRealAsync("show", "--manifest", manifest, target, "validation.json");
            if (code == 0 && JsonNode.Parse(json)?["execution"]?["image"]?.GetValue<string>() is { } image)
            {
                images.Add(image);
            }
        }

        return images;
    }

    private static Dictionary<string, string> Keys(string manifest)
    {
        var lockFile = Path.Combine(Path.GetDirectoryName(manifest)!, "datasets.lock");
        return File.Exists(lockFile)
            ? JsonNode.Parse(File.ReadAllText(lockFile))!["targets"]!.AsObject().ToDictionary(t => t.Key, t => t.Value!["key"]!.GetValue<string>())
            : [];
    }

    [GeneratedRegex(@"^Engine (?<engine>\S+): (?<served>\d+) targets?, at most (?<most>\d+) at once \(limit 1\)$", RegexOptions.Multiline)]
    private static partial Regex StatsLine();
}
