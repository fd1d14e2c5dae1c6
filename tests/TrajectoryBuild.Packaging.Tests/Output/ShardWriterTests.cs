using System.Text.Json;
using Parquet.Serialization;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class ShardWriterTests
{
    [Fact]
    public async Task WriteAsync_ShardRows_NamesAndCountsShards()
    {
        using var temp = new TempDirectory();

        var set = await OutputFixture.WriteAsync(temp.Path);

        // 3 repos x 5 rows in train (15 -> 4 shards of 4), 2 x 5 in test (10 -> 3 shards).
        set.Shards.Where(s => s.Format == ShardFileFormat.Jsonl).Select(s => s.File.Path).ShouldBe(
        [
            "data/sharegpt/test-00000-of-00003.jsonl", "data/sharegpt/test-00001-of-00003.jsonl", "data/sharegpt/test-00002-of-00003.jsonl",
            "data/sharegpt/train-00000-of-00004.jsonl", "data/sharegpt/train-00001-of-00004.jsonl", "data/sharegpt/train-00002-of-00004.jsonl",
            "data/sharegpt/train-00003-of-00004.jsonl",
        ]);
        set.Shards.Where(s => s.Format == ShardFileFormat.Jsonl).Select(s => s.File.Rows).ShouldBe([4L, 4, 2, 4, 4, 4, 3]);
        set.SplitRows.ShouldBe([new("test", 10L), new("train", 15L)]);
        foreach (var shard in set.Shards)
        {
            var bytes = await File.ReadAllBytesAsync(temp.Combine(shard.File.Path), TestContext.Current.CancellationToken);
            OutputFiles.Sha256(bytes).ShouldBe(shard.File.Sha256);
            bytes.LongLength.ShouldBe(shard.File.Bytes);
        }
    }

    [Fact]
    public async Task WriteAsync_Jsonl_ReadsBackInSplitThenIdOrder()
    {
        using var temp = new TempDirectory();

        var set = await OutputFixture.WriteAsync(temp.Path);

        var ids = new List<string>();
        foreach (var shard in set.Shards.Where(s => s.Format == ShardFileFormat.Jsonl && s.Split == "train"))
        {
            foreach (var line in await File.ReadAllLinesAsync(temp.Combine(shard.File.Path), TestContext.Current.CancellationToken))
            {
                using var row = JsonDocument.Parse(line);
                ids.Add(row.RootElement.GetProperty("id").GetString()!);
            }
        }

        ids.ShouldBe(ids.Order(StringComparer.Ordinal));
        ids.Count.ShouldBe(15);
    }

    [Fact]
    public async Task WriteAsync_Parquet_ReadsBackWithTypedAndJsonColumns()
    {
        using var temp = new TempDirectory();

        var set = await OutputFixture.WriteAsync(temp.Path);

        set.Columns.ShouldBe(
        [
            new("id", ShardColumnType.Text), new("repo", ShardColumnType.Text), new("resolved", ShardColumnType.Flag),
            new("steps", ShardColumnType.WholeNumber), new("score", ShardColumnType.RealNumber), new("messages", ShardColumnType.Json),
        ]);
        var first = set.Shards.First(s => s.Format == ShardFileFormat.Parquet && s.Split == "test");
        await using var stream = File.OpenRead(temp.Combine(first.File.Path));
        var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, 0, TestContext.Current.CancellationToken);
        result.Data.Count.ShouldBe(4);
        var row = result.Data[0];
        row["id"].ShouldBe("acme__beta-0");
        row["resolved"].ShouldBe(true);
        row["steps"].ShouldBe(0L);
        row["score"].ShouldBe(0.5);
        using var messages = JsonDocument.Parse((string)row["messages"]);
        messages.RootElement[0].GetProperty("content").GetString().ShouldBe("fix ü 0");
    }

    [Fact]
    public async Task WriteAsync_TwoDirectories_WritesIdenticalBytes()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var a = await OutputFixture.WriteAsync(first.Path);
        var b = await OutputFixture.WriteAsync(second.Path);

        b.Shards.ShouldBe(a.Shards);
        foreach (var shard in a.Shards)
        {
            var left = await File.ReadAllBytesAsync(first.Combine(shard.File.Path), TestContext.Current.CancellationToken);
            var right = await File.ReadAllBytesAsync(second.Combine(shard.File.Path), TestContext.Current.CancellationToken);
            right.ShouldBe(left, shard.File.Path);
        }
    }

    [Fact]
    public async Task WriteAsync_DuplicateRecordId_Throws()
    {
        using var temp = new TempDirectory();
        var rows = OutputFixture.Rows();
        rows.Add(rows[0]);

        await Should.ThrowAsync<ArgumentException>(() => ShardWriter.WriteAsync(temp.Path, "c", rows, new ShardOptions(10, [ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken));
    }
}
