using System.Text;
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

        set.Columns.Select(c => (c.Name, c.Type, c.Shape?.ToString())).ShouldBe(
        [
            ("id", ShardColumnType.Text, "string"), ("repo", ShardColumnType.Text, "string"), ("resolved", ShardColumnType.Flag, "bool"),
            ("steps", ShardColumnType.WholeNumber, "int64"), ("score", ShardColumnType.RealNumber, "float64"),
            ("messages", ShardColumnType.Json, "list<struct<role: string, content: string>>"),
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
    public async Task WriteAsync_ParquetShardLargerThanARowGroup_IsCutIntoRowGroupsThatReadBackAsTheJsonLines()
    {
        using var temp = new TempDirectory();
        var big = new string('x', (ShardWriter.RowGroupBytes / 3) - 100);
        var rows = Enumerable.Range(0, 7).Select(i => new ShardRow("train", $"r{i}", Encoding.UTF8.GetBytes($$"""{"id":"r{{i}}","text":"{{big}}{{i}}","n":{{i}}}"""))).ToList();

        var set = await ShardWriter.WriteAsync(temp.Path, "big", rows, new ShardOptions(10, [ShardFileFormat.Parquet, ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken);

        var parquet = set.Shards.Single(s => s.Format == ShardFileFormat.Parquet);
        var jsonl = await File.ReadAllLinesAsync(temp.Combine(set.Shards.Single(s => s.Format == ShardFileFormat.Jsonl).File.Path), TestContext.Current.CancellationToken);
        await using var stream = File.OpenRead(temp.Combine(parquet.File.Path));
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        reader.RowGroups.Select(g => g.RowCount).ShouldBe([3L, 3, 1], "at most RowGroupBytes of rows in a group, whole rows only");
        var read = new List<string>();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            stream.Position = 0;
            var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, group, TestContext.Current.CancellationToken);
            read.AddRange(result.Data.Select(r => $$"""{"id":"{{r["id"]}}","text":"{{r["text"]}}","n":{{r["n"]}}}"""));
        }

        read.ShouldBe(jsonl);
    }

    [Fact]
    public async Task WriteAsync_JsonLinesOfManyMegabytes_AreTheRowsInOrderEachOnItsLine()
    {
        using var temp = new TempDirectory();
        var rows = Enumerable.Range(0, 3000).Select(i => $$"""{"id":"r{{i:D4}}","text":"{{new string((char)('a' + (i % 26)), i % 2000)}}"}""").ToList();

        var set = await ShardWriter.WriteAsync(
            temp.Path, "c", rows.Select(r => new ShardRow("train", r[7..12], Encoding.UTF8.GetBytes(r))).Reverse(), new ShardOptions(5000, [ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken);

        var file = set.Shards.Single().File;
        var bytes = await File.ReadAllBytesAsync(temp.Combine(file.Path), TestContext.Current.CancellationToken);
        Encoding.UTF8.GetString(bytes).ShouldBe(string.Concat(rows.Select(r => r + "\n")));
        file.Bytes.ShouldBeGreaterThan(2 << 20, "more than the runs the rows are copied in");
        file.Sha256.ShouldBe(OutputFiles.Sha256(bytes));
    }

    [Fact]
    public async Task WriteAsync_ParquetValues_AreEachRowsValuesHoweverTheRowWasSpelled()
    {
        // Spaces, escapes the compact form writes otherwise, nulls, a missing column and a name given twice (the last wins).
        string[] rows =
        [
            """{ "id" : "a", "text" : "say \"hi\"\\n\u00e9 \ud83d\ude00 <tag>", "n" : 1 , "x" : 0.25, "ok": true, "obj": { "k" : [1, "\u0041"] } }""",
            """{"id":"b","text":null,"n":-9007199254740993,"x":1e3,"ok":false,"obj":null}""",
            """{"id":"c","n":2,"n":3,"x":2,"obj":"plain","text":"t\u0000"}""",
            """{"id":"d","text":"","obj":""}""",
        ];
        using var temp = new TempDirectory();

        var set = await ShardWriter.WriteAsync(
            temp.Path, "c", rows.Select((r, i) => new ShardRow("train", $"{i}", Encoding.UTF8.GetBytes(r))), new ShardOptions(10, [ShardFileFormat.Parquet]), TestContext.Current.CancellationToken);

        set.Columns.Select(c => (c.Name, c.Type)).ShouldBe(
        [
            ("id", ShardColumnType.Text), ("text", ShardColumnType.Text), ("n", ShardColumnType.WholeNumber), ("x", ShardColumnType.RealNumber),
            ("ok", ShardColumnType.Flag), ("obj", ShardColumnType.Json),
        ]);
        await using var stream = File.OpenRead(temp.Combine(set.Shards.Single().File.Path));
        var read = (await ParquetSerializer.DeserializeUntypedAsync(stream, null, 0, TestContext.Current.CancellationToken)).Data;
        read.Count.ShouldBe(4);
        for (var i = 0; i < rows.Length; i++)
        {
            using var row = JsonDocument.Parse(rows[i]);
            foreach (var column in set.Columns)
            {
                object? expected = !row.RootElement.TryGetProperty(column.Name, out var value) || value.ValueKind == JsonValueKind.Null ? null : column.Type switch
                {
                    ShardColumnType.Text => value.GetString(),
                    ShardColumnType.WholeNumber => value.GetInt64(),
                    ShardColumnType.RealNumber => value.GetDouble(),
                    ShardColumnType.Flag => value.GetBoolean(),
                    _ => Compact(value),
                };
                (read[i].TryGetValue(column.Name, out var actual) ? actual : null).ShouldBe(expected, $"row {i}, column {column.Name}");
            }
        }

        read[0]["text"].ShouldBe("say \"hi\"\\n\u00e9 \U0001F600 <tag>");
        read[0]["obj"].ShouldBe("""{"k":[1,"A"]}""");
        read[2]["n"].ShouldBe(3L);
        read[2].ContainsKey("ok").ShouldBeFalse("a null, as the row has no ok");
        read[3]["text"].ShouldBe("", "an empty text is a value, not a null");
        read[3]["obj"].ShouldBe("\"\"");
    }

    [Fact]
    public async Task WriteAsync_RowsNotCompact_AreWrittenInTheCompactFormOfTheWholeRow()
    {
        string[] rows =
        [
            """{ "id" : "a" , "t\u00e9xt" : "a\/b \u00e9 \"q\"" , "n" : [ 1 , 2.50 , -0 , 1e3 ] }""",
            """{"id":"b","o":{ "k" : { } },"o":[null, true],"\u0041":"x"}""",
        ];
        using var temp = new TempDirectory();

        var set = await ShardWriter.WriteAsync(
            temp.Path, "c", rows.Select((r, i) => new ShardRow("train", $"{i}", Encoding.UTF8.GetBytes(r))), new ShardOptions(10, [ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(temp.Combine(set.Shards.Single().File.Path), TestContext.Current.CancellationToken);
        lines.ShouldBe(rows.Select(r => { using var row = JsonDocument.Parse(r); return Compact(row.RootElement); }));
    }

    // A value in the form rows are written in: compact, UTF-8 kept readable.
    private static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData("list<struct<a: float64, b: string>>", """{"x":[{"a":1,"b":"s"}]}""", """{"x":[{"b":null,"a":2.5}]}""")]
    [InlineData("list<list<int64>>", """{"x":[[1],[]]}""", """{"x":[[2,3]]}""")]
    [InlineData("list<null>", """{"x":[]}""", """{"x":[null]}""")]
    [InlineData("null", """{"x":null}""", """{"y":1}""")]
    [InlineData("struct<a: bool>", """{"x":{"a":true}}""", """{"x":null}""")]
    [InlineData("free(mixed kinds: object, string)", """{"x":"s"}""", """{"x":{"a":1}}""")]
    [InlineData("free(mixed kinds: boolean, number)", """{"x":1}""", """{"x":false}""")]
    [InlineData("free(objects with different keys)", """{"x":{"a":1}}""", """{"x":{"a":1,"b":2}}""")]
    [InlineData("list<free(objects with different keys)>", """{"x":[{"a":1},{"b":1}]}""", """{"x":[]}""")]
    [InlineData("free(empty objects)", """{"x":{}}""", """{"x":{}}""")]
    public async Task WriteAsync_NestedValues_InferTheirShapeFromEveryRow(string shape, string first, string second)
    {
        using var temp = new TempDirectory();
        ShardRow[] rows = [new("train", "a", Encoding.UTF8.GetBytes(first)), new("train", "b", Encoding.UTF8.GetBytes(second))];

        var set = await ShardWriter.WriteAsync(temp.Path, "c", rows, new ShardOptions(10, [ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken);

        var column = set.Columns.Single(c => c.Name == "x");
        column.Shape!.ToString().ShouldBe(shape);
        column.Shape.IsFixed.ShouldBe(!shape.Contains("free", StringComparison.Ordinal));
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
    public async Task WriteAsync_RowsInAnyOrder_WriteTheColumnsAndBytesOfSplitThenIdOrder()
    {
        // In split then id order "id" comes first, then "b" (test/a), then "a" (test/b), whose object keys are "y", "x".
        ShardRow Row(string split, string id, string json) => new(split, id, Encoding.UTF8.GetBytes(json));
        ShardRow[] ordered =
        [
            Row("test", "a", """{"id":"a","b":1}"""),
            Row("test", "b", """{"id":"b","a":{"y":1,"x":2}}"""),
            Row("train", "c", """{"a":{"x":3,"y":4},"id":"c","b":2}"""),
            Row("train", "d", """{"id":"d"}"""),
        ];
        using var first = new TempDirectory();
        var expected = await ShardWriter.WriteAsync(first.Path, "c", ordered, new ShardOptions(1, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]), TestContext.Current.CancellationToken);
        expected.Columns.Select(c => $"{c.Name}: {c.Shape}").ShouldBe(["id: string", "b: int64", "a: struct<y: int64, x: int64>"]);

        foreach (var order in new[] { ordered.Reverse().ToArray(), [ordered[2], ordered[0], ordered[3], ordered[1]] })
        {
            using var temp = new TempDirectory();
            var set = await ShardWriter.WriteAsync(temp.Path, "c", order, new ShardOptions(1, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]), TestContext.Current.CancellationToken);

            set.Columns.Select(c => $"{c.Name}: {c.Shape}").ShouldBe(expected.Columns.Select(c => $"{c.Name}: {c.Shape}"));
            set.Shards.ShouldBe(expected.Shards);
        }
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("parquet")]
    [InlineData("jsonl,parquet")]
    public async Task WriteAsync_OneSplitInOrderAndOneNot_WritesTheShardsOfTheRowsSorted_AndLeavesNothingElse(string formats)
    {
        // "train" comes in the written order (its spill files are kept as its JSON Lines shards), "test" does not (its
        // shards are copied from the spill); both must be what the sorted rows give, with the digests of their bytes.
        var shardOptions = new ShardOptions(2, [.. formats.Split(',').Select(f => f == "jsonl" ? ShardFileFormat.Jsonl : ShardFileFormat.Parquet)]);
        ShardRow Row(string split, int id) => new(split, $"r{id:D2}", Encoding.UTF8.GetBytes($$"""{"id":"r{{id:D2}}","n":{{id}},"text":"line {{id}}\n\u00e9"}"""));
        var sorted = Enumerable.Range(0, 5).Select(i => Row("test", i)).Concat(Enumerable.Range(0, 5).Select(i => Row("train", i))).ToList();
        ShardRow[] interleaved = [Row("train", 0), Row("test", 3), Row("train", 1), Row("test", 0), Row("train", 2), Row("test", 4), Row("test", 1), Row("train", 3), Row("train", 4), Row("test", 2)];
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var expected = await ShardWriter.WriteAsync(first.Path, "c", sorted, shardOptions, TestContext.Current.CancellationToken);
        var set = await ShardWriter.WriteAsync(second.Path, "c", interleaved, shardOptions, TestContext.Current.CancellationToken);

        set.Shards.ShouldBe(expected.Shards);
        set.Shards.Count.ShouldBe(6 * shardOptions.Formats.Count);
        foreach (var shard in set.Shards)
        {
            var bytes = await File.ReadAllBytesAsync(second.Combine(shard.File.Path), TestContext.Current.CancellationToken);
            OutputFiles.Sha256(bytes).ShouldBe(shard.File.Sha256, shard.File.Path);
            bytes.LongLength.ShouldBe(shard.File.Bytes, shard.File.Path);
        }

        foreach (var (root, written) in new[] { (first, expected), (second, set) })
        {
            Directory.GetFiles(root.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root.Path, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
                .ShouldBe(written.Shards.Select(s => s.File.Path).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task WriteAsync_WrittenOrFailed_LeavesOnlyTheShardsInTheFolder()
    {
        using var temp = new TempDirectory();
        var set = await OutputFixture.WriteAsync(temp.Path);
        using var failed = new TempDirectory();
        var rows = OutputFixture.Rows();
        rows.Add(rows[^1]);

        await Should.ThrowAsync<ArgumentException>(() => ShardWriter.WriteAsync(failed.Path, "c", rows, new ShardOptions(10, [ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken));

        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Path, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            .ShouldBe(set.Shards.Select(s => s.File.Path).Order(StringComparer.Ordinal));
        Directory.GetFiles(failed.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileTakingRows_LeavesNothingInTheFolder()
    {
        using var temp = new TempDirectory();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var rows = OutputFixture.Rows();

        // Rows of every split are spilled (several files of 2 rows) before the cancellation comes.
        IEnumerable<ShardRow> Cancelling()
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (i == rows.Count - 3)
                {
                    cancel.Cancel();
                }

                yield return rows[i];
            }
        }

        await Should.ThrowAsync<OperationCanceledException>(() => ShardWriter.WriteAsync(temp.Path, "c", Cancelling(), new ShardOptions(2, [ShardFileFormat.Jsonl, ShardFileFormat.Parquet]), cancel.Token));

        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
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
