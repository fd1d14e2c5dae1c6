using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Release;

namespace TrajectoryBuild.Packaging.Tests.Release;

public sealed class ReleaseChangelogTests
{
    internal static LedgerEntry Entry(string id, string task = "o__r-1", bool accepted = true, string commit = "c1", string image = "i1", string verifier = "v1",
        string trajectory = "t1", string? labels = null, string evaluation = "e1", string verdict = "d1", string reward = "r1", string? tag = null) =>
        new(id, new RecordProvenance(task, "o/r", commit, image, verifier, trajectory, "reference", "scripted"), accepted, tag is null, tag is null ? null : "localization",
            labels, evaluation, verdict, reward, tag);

    [Fact]
    public void Compare_FirstRelease_CountsTasksAndAcceptedTrajectoriesOnly()
    {
        var log = ReleaseChangelog.Compare(null, [Entry("a"), Entry("b", accepted: false), Entry("c", task: "o__r-2")]);

        log.Against.ShouldBeNull();
        log.Tasks.ShouldBe(2);
        log.Trajectories.ShouldBe(2);
        log.TaskChanges.IsEmpty.ShouldBeTrue();
        log.TrajectoryChanges.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Compare_EachRootCause_IsNamed_AndDerivedRecordsOnlyWhenNoRootCauseExplainsThem()
    {
        IReadOnlyList<LedgerEntry> before =
        [
            Entry("commit", task: "o__r-1"), Entry("image", task: "o__r-2"), Entry("verifier", task: "o__r-3"),
            Entry("rerun", task: "o__r-4"), Entry("labels", task: "o__r-4"), Entry("rules", task: "o__r-4"), Entry("same", task: "o__r-4"),
        ];
        IReadOnlyList<LedgerEntry> after =
        [
            Entry("commit", task: "o__r-1", commit: "c2", verdict: "d2", reward: "r2"), Entry("image", task: "o__r-2", image: "i2"),
            Entry("verifier", task: "o__r-3", verifier: "v2", evaluation: "e2"),
            Entry("rerun", task: "o__r-4", trajectory: "t2"), Entry("labels", task: "o__r-4", labels: "l1", verdict: "d2"),
            Entry("rules", task: "o__r-4", reward: "r2"), Entry("same", task: "o__r-4"),
        ];

        var log = ReleaseChangelog.Compare(("1.0.0", before), after);

        log.Against.ShouldBe("1.0.0");
        log.TaskChanges.Changed.Select(c => (c.Id, string.Join('+', c.Causes))).ShouldBe([("o__r-1", "commit"), ("o__r-2", "image"), ("o__r-3", "verifier")]);
        log.TaskChanges.Changed[0].Detail.ShouldBe("c1 -> c2");
        log.TrajectoryChanges.Changed.Select(c => (c.Id, string.Join('+', c.Causes))).ShouldBe(
        [
            ("commit", "commit"), ("image", "image"), ("labels", "labels"), ("rerun", "trajectory"), ("rules", "reward"), ("verifier", "verifier"),
        ]);
        log.TrajectoryChanges.Added.ShouldBeEmpty();
        log.TrajectoryChanges.Removed.ShouldBeEmpty();
    }

    [Fact]
    public void Compare_AddedAndRemoved_SayWhetherTheTrajectoryIsNewGoneOrNowRejectedOrAccepted()
    {
        IReadOnlyList<LedgerEntry> before = [Entry("kept"), Entry("dropped"), Entry("rejected-now"), Entry("accepted-now", accepted: false), Entry("old", task: "o__r-9")];
        IReadOnlyList<LedgerEntry> after = [Entry("kept"), Entry("rejected-now", accepted: false), Entry("accepted-now"), Entry("fresh", task: "o__r-7")];

        var log = ReleaseChangelog.Compare(("1.0.0", before), after);

        log.TrajectoryChanges.Added.Select(c => (c.Id, c.Causes.Single())).ShouldBe([("accepted-now", "accepted"), ("fresh", "new")]);
        log.TrajectoryChanges.Removed.Select(c => (c.Id, c.Causes.Single())).ShouldBe([("dropped", "gone"), ("old", "gone"), ("rejected-now", "rejected")]);
        log.TaskChanges.Added.Select(c => c.Id).ShouldBe(["o__r-7"]);
        log.TaskChanges.Removed.Select(c => c.Id).ShouldBe(["o__r-9"]);
        log.Trajectories.ShouldBe(3);
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var log = ReleaseChangelog.Compare(("0.9.0", [Entry("a"), Entry("b")]), [Entry("a", commit: "c2"), Entry("c")]);

        var back = ReleaseChangelog.FromJson(log.ToJson());

        back.ToJson().ToJsonString().ShouldBe(log.ToJson().ToJsonString());
        back.TrajectoryChanges.Changed.Single().Detail.ShouldBe("c1 -> c2");
    }

    [Fact]
    public void Ledger_RoundTripsSortedByTrajectory_AndABadLineIsNamed()
    {
        var text = LedgerEntry.Write([Entry("b", labels: "l"), Entry("a", tag: "g")]);

        var entries = LedgerEntry.Read(text, "records.jsonl");

        entries.Select(e => e.TrajectoryId).ShouldBe(["a", "b"]);
        entries[0].ShouldBe(Entry("a", tag: "g"));
        entries[1].LabelsDigest.ShouldBe("l");
        LedgerEntry.Write(entries).ShouldBe(text);
        var bad = text + "{\"trajectory_id\":\"c\",\"accepted\":\"yes\"}\n";
        Should.Throw<FormatException>(() => LedgerEntry.Read(bad, "records.jsonl")).Message.ShouldStartWith("records.jsonl:3: not a ledger entry:");
    }
}
