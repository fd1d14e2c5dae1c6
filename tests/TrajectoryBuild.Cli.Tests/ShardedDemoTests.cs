using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.State;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// The embedded demo built as two legs of a sharded build (separate trajbuild processes, separate folders, one real
/// nginx WebDAV cache and one Docker Engine), then assembled by a read-only package build: every stage of the real
/// pipeline, the dataset-wide barriers (validated tasks, the rollout report) included.
/// </summary>
public sealed class ShardedDemoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TwoLegsOfTheDemo_BuildEveryTargetOnce_AndAPackageBuildRestoresTheWholeDataset()
    {
        await Requires.DockerAsync();
        if (NginxWebDav.Program is null)
        {
            Requires.SkipOrFailInCi("nginx is not installed (apt-get install -y nginx)", ".ci/run installs nginx");
        }

        using var nginx = await NginxWebDav.StartAsync();
        var legs = new List<(ChildProcess Child, string Root)>();
        try
        {
            foreach (var leg in (int[])[1, 2])
            {
                var manifest = DemoWorkspace.CopyDemo(_temp, $"leg{leg}");
                legs.Add((ChildProcess.Start("trajbuild", ["build", "--manifest", manifest, "--jobs", "2", "--shard", $"{leg}/2", "--cache-url", nginx.Url, "--shard-timeout", "8m"],
                    _temp.Path, new Dictionary<string, string> { ["CI"] = "true" }), Path.GetDirectoryName(manifest)!));
            }

            foreach (var (child, _) in legs)
            {
                (await child.WaitAsync(TimeSpan.FromMinutes(10))).ShouldBe(0, child.Stdout + child.Stderr);
            }

            // Every target of the demo (the committed lock lists them all) was built by exactly one leg.
            var demoTargets = LockFile.Read(Path.Combine(RepositoryRoot.Path, "datasets.lock")).Entries.Keys.ToList();
            var builtBy = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (leg, (_, root)) in legs.Select((l, i) => (i + 1, l)))
            {
                foreach (var target in BuiltOutputs.LastRunBuilt(root))
                {
                    builtBy.TryAdd(target, leg).ShouldBeTrue($"{target} was built by both legs");
                }

                LockFile.Read(Path.Combine(root, "datasets.lock")).Entries.Keys.ShouldBe(demoTargets, ignoreOrder: true, $"leg {leg} ends with the whole build's targets");
            }

            builtBy.Keys.ShouldBe(demoTargets, ignoreOrder: true, "the two legs together built the whole demo");
            builtBy.Values.Distinct().Count().ShouldBe(2, "both legs built something");
            foreach (var chain in builtBy.Keys.Where(t => t.StartsWith("Rollout/", StringComparison.Ordinal)))
            {
                var unit = chain["Rollout/".Length..];
                builtBy[$"Evaluate/{unit}"].ShouldBe(builtBy[chain], $"{unit} was rolled out and evaluated on one leg");
                builtBy[$"Reproduce/{unit.Split('/')[0]}"].ShouldBe(builtBy[chain], $"{unit}'s task was reproduced on the leg that rolled it out");
            }

            var package = DemoWorkspace.CopyDemo(_temp, "package");
            var (code, stdout, stderr) = await CliRunner.RunRealAsync("build", "--manifest", package, "--cache-url", nginx.Url, "--cache-read-only");
            code.ShouldBe(0, stderr);
            stdout.ShouldContain($"Done: 0 built, {demoTargets.Count} restored from cache, 0 up to date, 0 failed.");
            var packaged = Path.Combine(legs[0].Root, "datasets.lock");
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(package)!, "datasets.lock")).ShouldBe(File.ReadAllText(packaged), "the package build locks what the legs built");
        }
        finally
        {
            legs.ForEach(l => l.Child.Dispose());
        }
    }
}
