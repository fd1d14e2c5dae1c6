using System.Text.Json.Nodes;
using LibGit2Sharp;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Release;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Release;

public sealed class ReleaseWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ReleaseInputs Inputs(string version, params LedgerEntry[] ledger) => new(
        "demo",
        SemanticVersion.Parse(version),
        $"demo@v{version}",
        "Package/dataset/demo",
        "key-" + version,
        [new ReleaseFile("records.jsonl", "aa", 10), new ReleaseFile("README.md", "bb", 20)],
        LedgerEntry.Write(ledger),
        new JsonObject { ["Package/dataset/demo"] = new JsonObject { ["key"] = "key-" + version, ["outputs"] = new JsonObject() } });

    [Fact]
    public void Write_TwoVersions_WritesReleaseFilesLedgersAndANewestFirstChangelog()
    {
        var (first, written) = ReleaseWriter.Write(_temp.Path, Inputs("0.1.0", ReleaseChangelogTests.Entry("a"), ReleaseChangelogTests.Entry("b")));
        var (second, _) = ReleaseWriter.Write(_temp.Path, Inputs("0.2.0", ReleaseChangelogTests.Entry("a", labels: "l"), ReleaseChangelogTests.Entry("c")));

        written.ShouldBe(["releases/demo/0.1.0.json", "releases/demo/0.1.0.records.jsonl", "releases/demo/CHANGELOG.md"]);
        first.Changelog.Against.ShouldBeNull();
        second.Changelog.Against.ShouldBe("0.1.0");
        ReleaseRecord.Read(File.ReadAllText(_temp.Combine("releases", "demo", "0.2.0.json")), "0.2.0.json").Render().ShouldBe(second.Render());
        second.Render().ShouldNotContain("\r");
        second.Files.Select(f => f.Path).ShouldBe(["README.md", "records.jsonl"], "ordered by path");
        var changelog = File.ReadAllText(_temp.Combine("releases", "demo", "CHANGELOG.md"));
        changelog.ShouldContain("""
            ## demo 0.2.0

            Against 0.1.0: 1 task (0 added, 0 removed, 0 changed), 2 trajectories in the corpora (1 added, 1 removed, 1 changed). 2 files, 30 bytes; tag `demo@v0.2.0`.

            ### Trajectories

            - added `c`: new
            - removed `b`: no longer built
            - changed `a`: new labels

            ## demo 0.1.0

            First release: 1 task, 2 trajectories in the corpora. 2 files, 30 bytes; tag `demo@v0.1.0`.

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_AVersionBetweenTwo_ComparesWithTheHighestLowerOne_AndAReleasedVersionIsRefused()
    {
        ReleaseWriter.Write(_temp.Path, Inputs("1.0.0", ReleaseChangelogTests.Entry("a")));
        ReleaseWriter.Write(_temp.Path, Inputs("2.0.0", ReleaseChangelogTests.Entry("a")));

        var (hotfix, _) = ReleaseWriter.Write(_temp.Path, Inputs("1.0.1", ReleaseChangelogTests.Entry("a", trajectory: "t2")));

        hotfix.Changelog.Against.ShouldBe("1.0.0");
        hotfix.Changelog.TrajectoryChanges.Changed.Single().Causes.ShouldBe(["trajectory"]);
        Should.Throw<ReleaseException>(() => ReleaseWriter.Write(_temp.Path, Inputs("2.0.0+rebuild", ReleaseChangelogTests.Entry("a"))))
            .Message.ShouldStartWith("demo 2.0.0+rebuild is released already (releases/demo/2.0.0.json)");
    }

    [Fact]
    public void Write_PreviousLedgerMissing_SaysToRestoreIt_AndWritesNothing()
    {
        ReleaseWriter.Write(_temp.Path, Inputs("1.0.0", ReleaseChangelogTests.Entry("a")));
        File.Delete(_temp.Combine("releases", "demo", "1.0.0.records.jsonl"));

        Should.Throw<ReleaseException>(() => ReleaseWriter.Write(_temp.Path, Inputs("1.1.0", ReleaseChangelogTests.Entry("a"))))
            .Message.ShouldBe("releases/demo/1.0.0.records.jsonl is missing: the changelog against 1.0.0 (releases/demo/1.0.0.json) needs it. Restore it from git.");
        File.Exists(_temp.Combine("releases", "demo", "1.1.0.json")).ShouldBeFalse();
    }

    [Fact]
    public void Repository_SeesUncommittedTrackedFilesAndTags_ThenCommitsOnlyTheReleaseFilesAndTagsThatCommit()
    {
        Repository.Init(_temp.Path);
        File.WriteAllText(_temp.Combine("datasets.yaml"), "version: 1\n");
        File.WriteAllText(_temp.Combine("notes.txt"), "untracked\n");
        var signature = new Signature("Release Manager", "release@example.com", DateTimeOffset.UnixEpoch);
        using (var raw = new Repository(_temp.Path))
        {
            Commands.Stage(raw, "datasets.yaml");
            raw.Commit("init", signature, signature);
        }

        using var git = ReleaseRepository.Open(_temp.Combine("datasets.yaml"));
        git.UncommittedChanges().ShouldBeEmpty("untracked files do not count");
        git.IsCommitted(_temp.Combine("datasets.yaml")).ShouldBeTrue();
        git.IsCommitted(_temp.Combine("notes.txt")).ShouldBeFalse();
        File.AppendAllText(_temp.Combine("datasets.yaml"), "epoch: 1\n");
        git.UncommittedChanges().ShouldBe(["datasets.yaml"]);
        File.WriteAllText(_temp.Combine("datasets.yaml"), "version: 1\n");

        var (_, written) = ReleaseWriter.Write(_temp.Path, Inputs("0.1.0", ReleaseChangelogTests.Entry("a")));
        var commit = git.CommitAndTag(written, "Release demo 0.1.0", "demo@v0.1.0", "notes", signature);

        git.TagTarget("demo@v0.1.0").ShouldBe(commit);
        git.TagTarget("demo@v0.2.0").ShouldBeNull();
        using var check = new Repository(_temp.Path);
        check.Head.Tip.Tree["releases/demo/CHANGELOG.md"].ShouldNotBeNull();
        check.Head.Tip.Tree["notes.txt"].ShouldBeNull("only the release files are committed");
        check.Tags["demo@v0.1.0"].Annotation.Message.ShouldBe("notes\n");
        ReleaseRepository.IsValidTagName("demo@v0.1.0").ShouldBeTrue();
        ReleaseRepository.IsValidTagName("demo v0.1.0").ShouldBeFalse();
        ReleaseRepository.IsValidTagName("demo..v1").ShouldBeFalse();
    }

    [Fact]
    public void Open_OutsideAGitRepository_SaysToInitAndCommit()
    {
        Should.Throw<ReleaseException>(() => ReleaseRepository.Open(_temp.Path)).Message.ShouldContain("is not in a git repository");
    }
}
