using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Cache;

/// <summary>
/// The action index answers a plan's cache lookups from the entries the last plan read, and only while nothing in their
/// shard folders moved: every answer it gives must be the one reading the cache would give.
/// </summary>
public sealed class ActionIndexTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalCache _cache;
    private readonly List<ActionEntry> _entries = [];

    public ActionIndexTests()
    {
        _cache = new LocalCache(_temp.Combine("cache"));
        for (var i = 0; i < 6; i++)
        {
            _entries.Add(Put($"Stage/unit-{i}", $"output {i}"));
        }

        // Stamps taken in the clock tick of these writes would be racy, and never kept.
        FileClock.WaitForNextTick();
    }

    private string StateDirectory => _temp.Combine("state");

    private string IndexFile => Directory.GetFiles(Path.Combine(StateDirectory, "plan"), "*.actions").ShouldHaveSingleItem();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TryGetAction_AfterAPlanThatReadTheEntries_IsAnsweredByTheIndexWithTheSameEntries()
    {
        var first = Lookups(out var firstIndex);
        firstIndex.Read.ShouldBe(6);
        firstIndex.Served.ShouldBe(0);

        var second = Lookups(out var secondIndex);

        secondIndex.Served.ShouldBe(6);
        secondIndex.Read.ShouldBe(0);
        second.ShouldBe(first);
        second.ShouldBe(_entries.Select(Describe).ToList());
    }

    [Fact]
    public void TryGetAction_AnsweredByTheIndex_ReadsThePreimageFromTheCacheWhenAsked()
    {
        Lookups(out _);
        var index = Open();
        using (_cache.UseIndex(index))
        {
            var entry = _cache.TryGetAction(_entries[2].Key).ShouldNotBeNull();

            index.Served.ShouldBe(1);
            entry.Preimage.ToJsonString().ShouldBe(_entries[2].Preimage.ToJsonString());
        }
    }

    [Fact]
    public void TryGetAction_OutputBlobRemovedSince_IsAMissAsWithoutTheIndex()
    {
        Lookups(out _);
        var gone = _entries[3];
        File.Delete(Path.Combine(_cache.Root, "cas", gone.Outputs["out.txt"].Digest[..2], gone.Outputs["out.txt"].Digest));

        var index = Open();
        using (_cache.UseIndex(index))
        {
            _cache.TryGetAction(gone.Key).ShouldBeNull();
            foreach (var other in _entries.Where(e => e != gone))
            {
                Describe(_cache.TryGetAction(other.Key).ShouldNotBeNull()).ShouldBe(Describe(other));
            }
        }

        // Entries with a blob in the emptied shard folder are read again; the others are answered by the index.
        var shard = gone.Outputs["out.txt"].Digest[..2];
        index.Served.ShouldBe(_entries.Count(e => e.LogDigest[..2] != shard && e.Outputs["out.txt"].Digest[..2] != shard));
    }

    [Fact]
    public void TryGetAction_EntryReplacedSince_GivesTheNewEntry()
    {
        Lookups(out _);
        var old = _entries[1];
        var output = _cache.PutBytes("a forced rerun's output"u8);
        _cache.PutAction(new ActionEntry(old.Key, old.TargetId, new Dictionary<string, OutputFile> { ["out.txt"] = new(output, 23) }, old.LogDigest, old.Preimage));

        var index = Open();
        using (_cache.UseIndex(index))
        {
            _cache.TryGetAction(old.Key).ShouldNotBeNull().Outputs["out.txt"].Digest.ShouldBe(output);
        }

        index.Read.ShouldBe(1);
    }

    [Fact]
    public void TryGetAction_EntryReplacedByThisProcessSinceTheIndexOpened_GivesTheNewEntry()
    {
        Lookups(out _);
        var old = _entries[5];
        var index = Open();
        using (_cache.UseIndex(index))
        {
            _cache.TryGetAction(old.Key).ShouldNotBeNull().Outputs["out.txt"].Digest.ShouldBe(old.Outputs["out.txt"].Digest);
            var output = _cache.PutBytes("replaced within the build"u8);
            _cache.PutAction(new ActionEntry(old.Key, old.TargetId, new Dictionary<string, OutputFile> { ["out.txt"] = new(output, 25) }, old.LogDigest, old.Preimage));

            _cache.TryGetAction(old.Key).ShouldNotBeNull().Outputs["out.txt"].Digest.ShouldBe(output);
        }

        index.Served.ShouldBe(1);
        Lookups(out var after).ShouldContain(e => e.Contains("out.txt=" + Digest.OfText("replaced within the build"), StringComparison.Ordinal));
        after.Read.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Save_ShardFolderChangedInTheClockTickOfTheStamps_IsNotKept()
    {
        // A folder stamped in the tick it changed in could change again within that tick unseen (git's racy rule).
        var racy = _entries[4];
        Directory.SetLastWriteTimeUtc(Path.Combine(_cache.Root, "ac", racy.Key[..2]), DateTime.UtcNow.AddHours(1));
        Lookups(out _);

        var index = Open();
        using (_cache.UseIndex(index))
        {
            _cache.TryGetAction(racy.Key).ShouldNotBeNull();
        }

        index.Served.ShouldBe(0);
        index.Read.ShouldBe(1);
    }

    [Fact]
    public void Open_DamagedIndex_IsIgnoredAndWrittenAgain()
    {
        Lookups(out _);
        var bytes = File.ReadAllBytes(IndexFile);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(IndexFile, bytes);

        var read = Lookups(out var damaged);
        damaged.Served.ShouldBe(0);
        read.ShouldBe(_entries.Select(Describe).ToList());

        Lookups(out var rewritten);
        rewritten.Served.ShouldBe(6);
    }

    [Fact]
    public void Save_EveryLookupAnsweredByTheIndex_LeavesTheFileAsItIs()
    {
        Lookups(out _);
        var before = File.GetLastWriteTimeUtc(IndexFile);
        var length = new FileInfo(IndexFile).Length;
        FileClock.WaitForNextTick();

        Lookups(out var index);

        index.Served.ShouldBe(6);
        File.GetLastWriteTimeUtc(IndexFile).ShouldBe(before);
        new FileInfo(IndexFile).Length.ShouldBe(length);
    }

    [Fact]
    public void Save_FewerEntriesUsed_KeepsOnlyThose()
    {
        Lookups(out _);
        var index = Open();
        using (_cache.UseIndex(index))
        {
            _cache.TryGetAction(_entries[0].Key).ShouldNotBeNull();
        }

        var after = Open();
        using (_cache.UseIndex(after))
        {
            foreach (var entry in _entries)
            {
                _cache.TryGetAction(entry.Key).ShouldNotBeNull();
            }
        }

        after.Served.ShouldBe(1);
        after.Read.ShouldBe(5);
    }

    private ActionIndex Open() => ActionIndex.Open(StateDirectory, _cache.Root).ShouldNotBeNull();

    // Every entry looked up, in order, within one index scope (which saves the index when it ends).
    private List<string> Lookups(out ActionIndex index)
    {
        index = Open();
        using (_cache.UseIndex(index))
        {
            return [.. _entries.Select(e => Describe(_cache.TryGetAction(e.Key).ShouldNotBeNull()))];
        }
    }

    private static string Describe(ActionEntry entry) =>
        $"{entry.Key} {entry.TargetId} {entry.LogDigest} {string.Join(",", entry.Outputs.Select(o => $"{o.Key}={o.Value.Digest}:{o.Value.Size}"))}";

    private ActionEntry Put(string target, string text)
    {
        var output = _cache.PutBytes(Encoding.UTF8.GetBytes(text));
        var log = _cache.PutBytes(Encoding.UTF8.GetBytes($"log of {target}"));
        var preimage = new JsonObject { ["target"] = target, ["n"] = text.Length };
        var entry = new ActionEntry(Preimage.KeyOf(preimage), target, new Dictionary<string, OutputFile> { ["out.txt"] = new(output, Encoding.UTF8.GetByteCount(text)) }, log, preimage);
        _cache.PutAction(entry);
        return entry;
    }
}
