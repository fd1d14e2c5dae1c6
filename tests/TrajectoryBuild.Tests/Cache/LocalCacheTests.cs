using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Tests.Cache;

public sealed class LocalCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PutBytes_StoresUnderShardedDigest()
    {
        var cache = new LocalCache(_temp.Path);

        var digest = cache.PutBytes("hello"u8);

        digest.ShouldBe(Digest.OfText("hello"));
        File.Exists(Path.Combine(_temp.Path, "cas", digest[..2], digest)).ShouldBeTrue();
        cache.ReadBlobText(digest).ShouldBe("hello");
    }

    [Fact]
    public void ReadBlob_CorruptBytes_IsDetectedRemovedAndReported()
    {
        var digest = new LocalCache(_temp.Path).PutBytes("hello"u8);
        File.WriteAllText(Path.Combine(_temp.Path, "cas", digest[..2], digest), "jello");

        var fresh = new LocalCache(_temp.Path); // a new process: nothing verified yet
        var error = Should.Throw<CacheCorruptionException>(() => fresh.ReadBlobText(digest));

        error.Message.ShouldContain("was corrupt");
        fresh.HasBlob(digest).ShouldBeFalse();
    }

    [Fact]
    public void TryGetAction_RoundTripsEntry()
    {
        var cache = new LocalCache(_temp.Path);
        var entry = Entry(cache);

        cache.PutAction(entry);

        var read = cache.TryGetAction(entry.Key).ShouldNotBeNull();
        read.TargetId.ShouldBe("Mine/demo");
        read.Outputs["out.txt"].ShouldBe(entry.Outputs["out.txt"]);
        read.Preimage.ToJsonString().ShouldBe(entry.Preimage.ToJsonString());
    }

    [Fact]
    public void TryGetAction_BlobMissing_IsAMiss()
    {
        var cache = new LocalCache(_temp.Path);
        var entry = Entry(cache);
        cache.PutAction(entry);

        File.Delete(cache.BlobPath(entry.Outputs["out.txt"].Digest));

        cache.TryGetAction(entry.Key).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":1,\"key\":")]
    [InlineData("[]")]
    [InlineData("{\"format\":99}")]
    [InlineData("{\"format\":\"1\"}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{},\"log\":\"LOG\",\"preimage\":{}} {}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{},\"log\":\"LOG\",\"preimage\":{}} x")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{},\"log\":\"LOG\",\"preimage\":[]}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":7,\"outputs\":{},\"log\":\"LOG\",\"preimage\":{}}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{\"o\":{\"digest\":\"LOG\"}},\"log\":\"LOG\",\"preimage\":{}}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{\"o\":\"LOG\"},\"log\":\"LOG\",\"preimage\":{}}")]
    [InlineData("{\"format\":1,\"key\":\"KEY\",\"target\":\"t\",\"outputs\":{},\"log\":\"LOG\"}")]
    public void TryGetAction_UnreadableEntry_IsAMiss(string content)
    {
        var cache = new LocalCache(_temp.Path);
        var key = new string('a', 64);
        var log = cache.PutBytes("log"u8);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.ActionPath(key))!);
        File.WriteAllText(cache.ActionPath(key), content.Replace("KEY", key, StringComparison.Ordinal).Replace("LOG", log, StringComparison.Ordinal));

        cache.TryGetAction(key).ShouldBeNull();
    }

    [Fact]
    public void TryGetAction_WellFormedHandWrittenEntry_IsAHit()
    {
        // The control for the unreadable shapes above: the same text with every field right is read, in any field
        // order, with unknown fields skipped, and its preimage parsed on demand.
        var cache = new LocalCache(_temp.Path);
        var key = new string('a', 64);
        var log = cache.PutBytes("log"u8);
        var output = cache.PutBytes("out"u8);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.ActionPath(key))!);
        File.WriteAllText(cache.ActionPath(key), $$$"""{"preimage":{"target":"t","n":[1,{"a":null}]},"extra":{"x":[1]},"log":"{{{log}}}","outputs":{"o":{"size":3,"digest":"{{{output}}}"}},"target":"t","key":"{{{key}}}","format":1}""" + "\n");

        var entry = cache.TryGetAction(key).ShouldNotBeNull();

        entry.TargetId.ShouldBe("t");
        entry.LogDigest.ShouldBe(log);
        entry.Outputs["o"].ShouldBe(new OutputFile(output, 3));
        entry.Preimage.ToJsonString().ShouldBe("""{"target":"t","n":[1,{"a":null}]}""");
    }

    [Fact]
    public void TryGetAction_OutputBlobOfAnotherSize_IsAMiss()
    {
        var cache = new LocalCache(_temp.Path);
        var entry = Entry(cache);
        cache.PutAction(entry);

        File.AppendAllText(cache.BlobPath(entry.Outputs["out.txt"].Digest), "more");

        cache.TryGetAction(entry.Key).ShouldBeNull();
    }

    [Fact]
    public void TryGetAction_EntryStoredUnderAnotherKey_IsAMiss()
    {
        var cache = new LocalCache(_temp.Path);
        var entry = Entry(cache);
        cache.PutAction(entry);
        var otherKey = new string('e', 64);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.ActionPath(otherKey))!);
        File.Copy(cache.ActionPath(entry.Key), cache.ActionPath(otherKey));

        cache.TryGetAction(otherKey).ShouldBeNull();
    }

    [Fact]
    public void Writes_LeaveNoTemporaryFiles()
    {
        var cache = new LocalCache(_temp.Path);
        cache.PutAction(Entry(cache));

        Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories)
            .ShouldAllBe(f => !Path.GetFileName(f).StartsWith(AtomicFile.TempPrefix, StringComparison.Ordinal));
    }

    private ActionEntry Entry(LocalCache cache)
    {
        var file = _temp.Combine("out.txt");
        File.WriteAllText(file, "output");
        var output = cache.PutFileAsync(file, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        var log = cache.PutBytes(Encoding.UTF8.GetBytes("log"));
        var preimage = new JsonObject { ["target"] = "Mine/demo" };
        return new ActionEntry(Preimage.KeyOf(preimage), "Mine/demo", new Dictionary<string, OutputFile> { ["out.txt"] = output }, log, preimage);
    }
}
