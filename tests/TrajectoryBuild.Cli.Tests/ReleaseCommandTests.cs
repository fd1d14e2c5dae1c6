using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LibGit2Sharp;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// <c>trajbuild release</c> on the embedded demo in a real git repository: two versions, the second after a label
/// change, with every refusal on the way (lock not committed, tag exists, uncommitted change, stale target).
/// </summary>
public sealed class ReleaseCommandTests : IDisposable
{
    private const string Trajectory = "demo__calculator-1/reference/scripted/1";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Release_TwoVersionsOfTheDemo_TagsEach_AndTheSecondChangelogNamesTheLabelChange()
    {
        await Requires.DockerAsync();
        var manifest = DemoWorkspace.CopyDemo(_temp, string.Empty);
        File.WriteAllText(_temp.Combine(".gitignore"), ".trajbuild/\nartifacts/\n");
        Repository.Init(_temp.Path);
        using (var repo = new Repository(_temp.Path))
        {
            repo.Config.Set("user.name", "Release Manager");
            repo.Config.Set("user.email", "release@example.com");
        }

        Commit("the demo");
        var (buildCode, built, _) = await Run("build", "--manifest", manifest);
        buildCode.ShouldBe(0, built);

        // The lock is not committed yet: the tag would not name what was built.
        var (uncommitted, _, lockError) = await Run("release", "--manifest", manifest);
        uncommitted.ShouldBe(1);
        lockError.ShouldContain("datasets.lock is not committed");
        Commit("the lock");

        var (dryCode, preview, dryError) = await Run("release", "--manifest", manifest, "--dry-run");
        dryCode.ShouldBe(0, dryError);
        preview.ShouldContain("First release: 3 tasks, 6 trajectories in the corpora.");
        File.Exists(_temp.Combine("releases", "demo", "0.1.0.json")).ShouldBeFalse("a dry run writes nothing");

        var (firstCode, first, firstError) = await Run("release", "--manifest", manifest, "--version", "0.1.0");
        firstCode.ShouldBe(0, firstError);
        first.ShouldContain("Tagged demo@v0.1.0 on commit ");
        var release = JsonNode.Parse(File.ReadAllText(_temp.Combine("releases", "demo", "0.1.0.json")))!;
        release["tag"]!.GetValue<string>().ShouldBe("demo@v0.1.0");
        release["lock"]!["Package/dataset/demo"]!["key"]!.GetValue<string>().ShouldBe(release["package"]!["key"]!.GetValue<string>());
        release["lock"]!.AsObject().Select(p => p.Key).ShouldContain("Environment/python-bookworm");
        foreach (var file in release["files"]!.AsArray())
        {
            var copy = _temp.Combine("artifacts", "releases", "demo", "0.1.0", file!["path"]!.GetValue<string>());
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(copy))).ShouldBe(file["sha256"]!.GetValue<string>(), copy);
        }

        using (var repo = new Repository(_temp.Path))
        {
            var tag = repo.Tags["demo@v0.1.0"];
            tag.IsAnnotated.ShouldBeTrue();
            tag.Annotation.Message.ShouldContain("## demo 0.1.0");
            ((Commit)tag.PeeledTarget).Sha.ShouldBe(repo.Head.Tip.Sha);
            repo.Head.Tip.Tree["releases/demo/0.1.0.records.jsonl"].ShouldNotBeNull();
            repo.RetrieveStatus(new StatusOptions { IncludeUntracked = false }).IsDirty.ShouldBeFalse();
        }

        var (again, _, againError) = await Run("release", "--manifest", manifest);
        again.ShouldBe(1);
        againError.ShouldContain("tag demo@v0.1.0 exists already");

        // One annotator's score of one turn changes, and the version with it.
        var labels = _temp.Combine("samples", "annotations", "labels.jsonl");
        var lines = File.ReadAllLines(labels);
        var line = Array.FindIndex(lines, l => l.Contains($"\"trajectory_id\":\"{Trajectory}\"", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("\"tool_selection\":3", "\"tool_selection\":1", StringComparison.Ordinal);
        File.WriteAllText(labels, string.Join('\n', lines) + "\n");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("  version: 0.1.0", "  version: 0.2.0", StringComparison.Ordinal));

        var (wrongVersion, _, wrongError) = await Run("release", "--manifest", manifest, "--version", "0.3.0");
        wrongVersion.ShouldBe(1);
        wrongError.ShouldContain("release.version is 0.2.0, not 0.3.0");
        var (dirty, _, dirtyError) = await Run("release", "--manifest", manifest);
        dirty.ShouldBe(1);
        dirtyError.ShouldContain("2 tracked files have uncommitted changes (datasets.yaml, samples/annotations/labels.jsonl)");
        Commit("new labels, 0.2.0");
        var (stale, _, staleError) = await Run("release", "--manifest", manifest);
        stale.ShouldBe(1);
        staleError.ShouldContain($"STALE Verify/{Trajectory}");

        (await Run("build", "--manifest", manifest)).ExitCode.ShouldBe(0);
        Commit("the lock of 0.2.0");
        var (secondCode, second, secondError) = await Run("release", "--manifest", manifest);
        secondCode.ShouldBe(0, secondError);

        second.ShouldContain("Against 0.1.0: 3 tasks (0 added, 0 removed, 0 changed), 6 trajectories in the corpora (0 added, 0 removed, 1 changed).");
        second.ShouldContain($"- changed `{Trajectory}`: new labels\n");
        var changelog = File.ReadAllText(_temp.Combine("releases", "demo", "CHANGELOG.md"));
        changelog.IndexOf("## demo 0.2.0", StringComparison.Ordinal).ShouldBeLessThan(changelog.IndexOf("## demo 0.1.0", StringComparison.Ordinal));
        using (var repo = new Repository(_temp.Path))
        {
            repo.Tags.Select(t => t.FriendlyName).Order(StringComparer.Ordinal).ShouldBe(["demo@v0.1.0", "demo@v0.2.0"]);
            repo.Tags["demo@v0.2.0"].Annotation.Message.ShouldContain($"new labels");
        }
    }

    private void Commit(string message)
    {
        using var repo = new Repository(_temp.Path);
        LibGit2Sharp.Commands.Stage(repo, "*");
        var signature = new Signature("Release Manager", "release@example.com", DateTimeOffset.UnixEpoch);
        repo.Commit(message, signature, signature);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunRealAsync(args);
}
