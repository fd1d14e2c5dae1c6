using System.Text.Json.Nodes;
using TrajectoryBuild.Packaging.Corpora;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Packaging.Tests.Corpora;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

/// <summary>Every corpus from one pass over the records, against each corpus written on its own.</summary>
public sealed class CorporaWriterTests
{
    private static readonly ShardOptions s_shards = new(2, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]);
    private static readonly CorpusOptions s_options = new(ActionRendering.Native);

    // Eight records over three tasks, resolved and not, so that every corpus has rows (preference pairs too).
    private static readonly PackageRecord[] s_records =
    [
        Records.Typical("t1"), Records.Typical("t2", resolved: false), Records.Typical("t3", resolved: false, task: "demo__calc-2"),
        Records.Typical("t4", task: "demo__calc-2"), Records.Typical("t5", task: "demo__calc-3"), Records.Typical("t6", resolved: false),
        Records.Typical("t7", resolved: false, task: "demo__calc-3"), Records.Typical("t8"),
    ];

    [Fact]
    public async Task WriteAsync_EveryFormat_WritesTheFilesOfEachCorpusWrittenOnItsOwn_ByteForByte()
    {
        using var together = new TempDirectory();
        using var apart = new TempDirectory();
        var formats = Enum.GetValues<CorpusFormat>();
        var reads = 0;

        var sets = await CorporaWriter.WriteAsync(
            together.Path, formats, s_records, TaskOf, r => { Interlocked.Increment(ref reads); return r; }, Place, s_options, s_shards, null, TestContext.Current.CancellationToken);

        sets.Select(s => s.Config).ShouldBe(formats.Select(CorpusNames.Name));
        reads.ShouldBe(s_records.Length * 2, "one pass for every corpus but the preference pairs, and one for those");
        for (var i = 0; i < formats.Length; i++)
        {
            var rows = CorpusRows.Enumerate(formats[i], s_records, s_options).Select(row => { var (split, id) = Place(row); return new ShardRow(split, id, CorpusJson.Utf8(row)); });
            var alone = await ShardWriter.WriteAsync(apart.Path, CorpusNames.Name(formats[i]), rows, s_shards, TestContext.Current.CancellationToken);
            sets[i].Shards.Count.ShouldBeGreaterThan(0, CorpusNames.Name(formats[i]));
            sets[i].Shards.Select(s => (s.File.Path, s.File.Sha256, s.File.Rows)).ShouldBe(alone.Shards.Select(s => (s.File.Path, s.File.Sha256, s.File.Rows)));
            sets[i].Columns.Select(c => (c.Name, c.Type, c.Shape?.ToString())).ShouldBe(alone.Columns.Select(c => (c.Name, c.Type, c.Shape?.ToString())));
        }

        Files(together.Path).ShouldBe(Files(apart.Path));
        foreach (var file in Files(together.Path))
        {
            (await File.ReadAllBytesAsync(Path.Combine(together.Path, file), TestContext.Current.CancellationToken))
                .ShouldBe(await File.ReadAllBytesAsync(Path.Combine(apart.Path, file), TestContext.Current.CancellationToken), file);
        }
    }

    [Fact]
    public async Task WriteAsync_RecordsOutOfOrder_FailsNamingThem_AndWritesNothing()
    {
        using var temp = new TempDirectory();
        PackageRecord[] shuffled = [s_records[0], s_records[2], s_records[1]];

        var failure = await Should.ThrowAsync<ArgumentException>(() => CorporaWriter.WriteAsync(
            temp.Path, [CorpusFormat.ShareGpt, CorpusFormat.OpenAi], shuffled, TaskOf, r => r, Place, s_options, s_shards, null, TestContext.Current.CancellationToken));

        failure.Message.ShouldStartWith("Records must come in trajectory id order (ordinal), each id once: 't2' came after 't3'.");
        Files(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteAsync_AReadFails_RethrowsItAsThrown_AndWritesNothing()
    {
        using var temp = new TempDirectory();

        var failure = await Should.ThrowAsync<InvalidDataException>(() => CorporaWriter.WriteAsync(
            temp.Path, [CorpusFormat.ShareGpt, CorpusFormat.Prm], s_records, TaskOf, r => r.TrajectoryId == "t5" ? throw new InvalidDataException("t5 is damaged") : r, Place, s_options, s_shards, null,
            TestContext.Current.CancellationToken));

        failure.Message.ShouldBe("t5 is damaged");
        Files(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteAsync_AFormatTwice_IsRefused() =>
        await Should.ThrowAsync<ArgumentException>(() => CorporaWriter.WriteAsync(
            "unused", [CorpusFormat.Prm, CorpusFormat.Prm], s_records, TaskOf, r => r, Place, s_options, s_shards, null, TestContext.Current.CancellationToken));

    [Fact]
    public async Task WriteAsync_PreferencePairsAlone_RecordsOutOfOrderInATask_AreRefused()
    {
        using var temp = new TempDirectory();
        PackageRecord[] shuffled = [s_records[1], s_records[0], s_records[2]];

        var failure = await Should.ThrowAsync<ArgumentException>(() => CorporaWriter.WriteAsync(
            temp.Path, [CorpusFormat.Dpo], shuffled, TaskOf, r => r, Place, s_options, s_shards, null, TestContext.Current.CancellationToken));

        failure.Message.ShouldStartWith("Records must come in trajectory id order (ordinal), each id once: 't1' came after 't2'.");
        Files(temp.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteAsync_PreferencePairs_AnItemOfAnotherTaskThanItsRecord_IsRefused()
    {
        using var temp = new TempDirectory();

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => CorporaWriter.WriteAsync(
            temp.Path, [CorpusFormat.Dpo], s_records, r => r.TrajectoryId == "t4" ? "demo__calc-3" : TaskOf(r), r => r, Place, s_options, s_shards, null, TestContext.Current.CancellationToken));

        failure.Message.ShouldBe("Trajectory 't4' is of task 'demo__calc-2', not of task 'demo__calc-3' as its item said.");
    }

    private static string TaskOf(PackageRecord record) => record.Provenance.TaskId;

    // Odd trajectories to test, the others to train; a preference pair's id is its two ids.
    private static (string Split, string RecordId) Place(JsonObject row)
    {
        var id = CorpusRows.RecordId(row);
        return ((id[1] - '0') % 2 == 1 ? "test" : "train", id);
    }

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
}
