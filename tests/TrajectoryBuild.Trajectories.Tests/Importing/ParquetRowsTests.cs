using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

public sealed class ParquetRowsTests
{
    private static readonly ParquetSchema s_schema = new(
        ParquetFixture.Text("instance_id"), ParquetFixture.Messages("messages"),
        new DataField<bool?>("resolved"), new DataField<long?>("n"), new DataField<double?>("score"), new DataField<byte[]>("blob"));

    [Fact]
    public void ParquetRows_NestedRowsBecomeJsonObjects_RowByRowAcrossRowGroups()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.parquet");
        var first = JsonNode.Parse("""
            {"instance_id":"a__b-1","messages":[{"role":"user","content":"hi","tool_calls":null,"tool_call_id":null,"name":null},
            {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"bash","arguments":"{\"command\":\"ls\"}"}}],"tool_call_id":null,"name":null}],
            "resolved":true,"n":7,"score":1.5,"blob":null}
            """)!.AsObject();
        var second = JsonNode.Parse("""{"instance_id":"a__b-2","messages":[],"resolved":null,"n":null,"score":null,"blob":null}""")!.AsObject();
        ParquetFixture.Write(path, s_schema, [first, second, first.DeepClone().AsObject()], rowGroupSize: 2);

        var rows = RecordFiles.ParquetRows(path, CancellationToken.None).Select(r => (r.Position, r.Error, Json: r.IsValid ? r.Value.GetRawText() : null)).ToList();

        rows.Select(r => r.Position).ShouldBe(["row 1", "row 2", "row 3"]);
        rows.ShouldAllBe(r => r.Error == null);
        JsonNode.DeepEquals(JsonNode.Parse(rows[0].Json!), first).ShouldBeTrue(rows[0].Json);
        JsonNode.DeepEquals(JsonNode.Parse(rows[1].Json!), second).ShouldBeTrue(rows[1].Json);
        rows[2].Json.ShouldBe(rows[0].Json);
    }

    [Fact]
    public async Task ParquetRows_BinaryIsBase64()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "blob.parquet");
        await using (var stream = File.Create(path))
        {
            await Parquet.Serialization.ParquetSerializer.SerializeUntypedAsync(
                [new Dictionary<string, object?> { ["blob"] = new ReadOnlyMemory<byte>([1, 2, 3]) }], new ParquetSchema(new DataField<byte[]>("blob")), stream,
                cancellationToken: TestContext.Current.CancellationToken);
        }

        RecordFiles.ParquetRows(path, CancellationToken.None).Select(r => r.Value.GetRawText()).ShouldBe(["""{"blob":"AQID"}"""]);
    }

    [Fact]
    public async Task ParquetRows_OfNumbersAndFlagsAlone_AreRead()
    {
        // Read by columns with no text column among them: the row group was reported as not decodable.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "numbers.parquet");
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(
                [new Dictionary<string, object?> { ["n"] = 7L, ["ok"] = true }, new Dictionary<string, object?> { ["n"] = null, ["ok"] = false }],
                new ParquetSchema(new DataField<long?>("n"), new DataField<bool?>("ok")), stream, cancellationToken: TestContext.Current.CancellationToken);
        }

        RecordFiles.ParquetRows(path, CancellationToken.None).Select(r => r.Error ?? r.Value.GetRawText()).ShouldBe(["""{"n":7,"ok":true}""", """{"n":null,"ok":false}"""]);
    }

    [Fact]
    public void ParquetRows_TruncatedOrNotParquet_IsOneFileRecordWithTheReason()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.parquet");
        ParquetFixture.Write(path, s_schema, [JsonNode.Parse("""{"instance_id":"x","messages":[],"resolved":true,"n":1,"score":0.5,"blob":null}""")!.AsObject()], 10);
        var truncated = Path.Combine(temp.Path, "truncated.parquet");
        File.WriteAllBytes(truncated, File.ReadAllBytes(path)[..^20]);
        var text = Path.Combine(temp.Path, "text.parquet");
        File.WriteAllText(text, "{\"not\": \"parquet\"}\n");

        foreach (var file in new[] { truncated, text })
        {
            var record = RecordFiles.Rows(file, CancellationToken.None).ShouldHaveSingleItem();
            record.Position.ShouldBe("file");
            record.Error!.ShouldContain("not a readable Parquet file");
        }
    }

    [Fact]
    public async Task FlatRowGroups_ReadByColumns_WriteWhatTheRowDictionariesWrite()
    {
        // Over 4 MB, a text is escaped by the JSON writer rather than by JsonTokens: both ways are compared.
        var big = string.Concat(Enumerable.Repeat("{\"k\": \"é\\n\"} ", (4 << 20) / 12));
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "flat.parquet");
        var schema = new ParquetSchema(
            new DataField<string>("messages"), new DataField<bool>("resolved"), new DataField<long?>("n"), new DataField<int>("i"),
            new DataField<double?>("score"), new DataField<float>("f"), new DataField<decimal?>("d"), new DataField<DateTime?>("at"),
            new DataField<byte[]>("blob"), new DataField<string>("note"));
        string[] texts = ["[{\"role\": \"user\", \"content\": \"a \\\"quoted\\\" <tag> & \\u00e9\"}]", "héllo \u2028 😀 \t\n\"\\", ""];
        var rows = Enumerable.Range(0, 7).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["messages"] = i == 3 ? null : texts[i % texts.Length],
            ["resolved"] = i % 2 == 0,
            ["n"] = i == 1 ? null : long.MaxValue - i,
            ["i"] = -i,
            ["score"] = i switch { 0 => double.NaN, 1 => null, 2 => double.PositiveInfinity, _ => i / 3.0 },
            ["f"] = i / 7f,
            ["d"] = i == 4 ? null : 12345.678m * i,
            ["at"] = i == 5 ? null : new DateTime(2026, 11, 25, 13, i, 0, DateTimeKind.Utc),
            ["blob"] = i % 3 == 0 ? null : new ReadOnlyMemory<byte>([(byte)i, 0, 255]),
            ["note"] = i switch { 3 => "é broken", 6 => big, _ => "ok" },
        }).ToList();
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, new ParquetOptions { RowGroupSize = 3, CompressionMethod = CompressionMethod.None },
                cancellationToken: TestContext.Current.CancellationToken);
        }

        // "é broken": the é's second byte made invalid UTF-8 (in the page and in the statistics), which both readers
        // take as a replacement character.
        var bytes = File.ReadAllBytes(path);
        var broken = Encoding.UTF8.GetBytes("é broken");
        var patched = 0;
        for (var at = bytes.AsSpan().IndexOf(broken); at >= 0; at = bytes.AsSpan().IndexOf(broken), patched++)
        {
            bytes[at + 1] = 0x28;
        }

        patched.ShouldBeGreaterThan(0);
        File.WriteAllBytes(path, bytes);

        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken))
        {
            reader.RowGroupCount.ShouldBe(3);
            using var columns = ParquetColumns.Read(reader, stream, 0, CancellationToken.None).ShouldNotBeNull();
            columns.FromPages.ShouldBe(["messages", "blob", "note"]);
        }

        var byColumns = Enumerable.Range(0, 3).SelectMany(g => Json(RecordFiles.ParquetRowGroup(path, g, 1 + (3 * g), byColumns: true, CancellationToken.None))).ToList();
        var byRows = Enumerable.Range(0, 3).SelectMany(g => Json(RecordFiles.ParquetRowGroup(path, g, 1 + (3 * g), byColumns: false, CancellationToken.None))).ToList();

        byColumns.Count.ShouldBe(7);
        Encoding.UTF8.GetByteCount(big).ShouldBeGreaterThan(4 << 20);
        byColumns.ShouldBe(byRows);
        var fourth = JsonNode.Parse(byColumns[3]["row 4: ".Length..])!;
        fourth["note"]!.GetValue<string>().ShouldBe("\uFFFD( broken");
        fourth["messages"].ShouldBeNull();
        JsonNode.Parse(byColumns[0]["row 1: ".Length..])!["messages"]!.GetValue<string>().ShouldBe(texts[0]);
        JsonNode.Parse(byColumns[1]["row 2: ".Length..])!["blob"]!.GetValue<string>().ShouldBe("AQD/");
        RecordFiles.ParquetRows(path, CancellationToken.None).Select(r => $"{r.Position}: {r.Value.GetRawText()}").ShouldBe(byColumns);
    }

    [Theory]
    [InlineData(CompressionMethod.None, true)]
    [InlineData(CompressionMethod.Snappy, true)]
    [InlineData(CompressionMethod.Gzip, true)]
    [InlineData(CompressionMethod.Zstd, true)]
    [InlineData(CompressionMethod.Brotli, true)]
    [InlineData(CompressionMethod.LZ4, false)]
    [InlineData(CompressionMethod.Lz4Raw, false)]
    public async Task FlatTextColumns_FromTheirPages_InEveryCodecThePagesReaderTakes_WriteWhatTheRowDictionariesWrite(CompressionMethod codec, bool fromPages)
    {
        // "kind" repeats (a dictionary when the writer's threshold allows one), "text" is unique, "tag" is required;
        // every 5th text and every 7th kind are null, and a whole row group of nulls is the last.
        using var temp = new TempDirectory();
        var schema = new ParquetSchema(new DataField<string>("kind"), new DataField<string>("text"), new DataField("tag", typeof(string), isNullable: false), new DataField<byte[]>("blob"));
        var rows = Enumerable.Range(0, 130).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["kind"] = i % 7 == 3 || i >= 120 ? null : (i % 3) switch { 0 => "user", 1 => "assistant", _ => "" },
            ["text"] = i % 5 == 1 || i >= 120 ? null : $"[{{\"content\": \"turn {i} é \\\" {new string('x', i * 37)}\"}}]",
            ["tag"] = $"t{i % 4}",
            ["blob"] = i % 4 == 0 || i >= 120 ? null : new ReadOnlyMemory<byte>([(byte)i, 1, 2]),
        }).ToList();
        foreach (var threshold in new[] { 0.0, 0.8, 1.0 })
        {
            var path = Path.Combine(temp.Path, $"{codec}-{threshold}.parquet");
            await using (var stream = File.Create(path))
            {
                await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream,
                    new ParquetOptions { RowGroupSize = 40, CompressionMethod = codec, DictionaryEncodingThreshold = threshold },
                    cancellationToken: TestContext.Current.CancellationToken);
            }

            await using (var stream = File.OpenRead(path))
            await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken))
            {
                reader.RowGroupCount.ShouldBe(4);
                for (var group = 0; group < 4; group++)
                {
                    using var columns = ParquetColumns.Read(reader, stream, group, CancellationToken.None).ShouldNotBeNull();
                    columns.FromPages.ShouldBe(fromPages ? ["kind", "text", "tag", "blob"] : [], $"{codec}, threshold {threshold}, row group {group + 1}");
                }
            }

            var byColumns = Enumerable.Range(0, 4).SelectMany(g => Json(RecordFiles.ParquetRowGroup(path, g, 1 + (40 * g), byColumns: true, CancellationToken.None))).ToList();
            var byRows = Enumerable.Range(0, 4).SelectMany(g => Json(RecordFiles.ParquetRowGroup(path, g, 1 + (40 * g), byColumns: false, CancellationToken.None))).ToList();
            byColumns.Count.ShouldBe(130);
            byColumns.ShouldBe(byRows);
            JsonNode.Parse(byColumns[2]["row 3: ".Length..])!["kind"]!.GetValue<string>().ShouldBe("");
            JsonNode.Parse(byColumns[129]["row 130: ".Length..])!["text"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task EmbeddedColumns_KeptOutOfTheirRows_ParseAsTheirEscapedStringsWould_FoundByPlaceNotContent()
    {
        // "messages" and "note" are kept out of the rows; "id" is not. Valid JSON (non-ASCII, U+2028, escapes, padding),
        // text that is not JSON, an empty text, null, and invalid UTF-8 (never kept: it reads as replacement characters).
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.parquet");
        var schema = new ParquetSchema(new DataField<string>("id"), new DataField<string>("messages"), new DataField<string>("note"));
        string?[][] values =
        [
            ["", "[{\"role\": \"user\", \"content\": \"é \u2028 \\\"q\\\" \\u00e9 😀\"}]", "{\"a\": 1}"],
            ["x", "[{\"role\": \"user\"", ""],
            ["", null, "é broken"],
            ["[]", "  [1, 2]\n ", "42"],
            ["y", "", "null"],
        ];
        var rows = values.Select(v => (IDictionary<string, object?>)new Dictionary<string, object?> { ["id"] = v[0], ["messages"] = v[1], ["note"] = v[2] }).ToList();
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.None },
                cancellationToken: TestContext.Current.CancellationToken);
        }

        // In the page and in the statistics.
        var bytes = File.ReadAllBytes(path);
        for (var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("é broken")); at >= 0; at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("é broken")))
        {
            bytes[at + 1] = 0x28;
        }

        File.WriteAllBytes(path, bytes);

        var kept = new List<string>();
        var keptTexts = new List<int>();
        var placeholders = new List<string>();
        var (keptRows, _) = RecordFiles.ReadParquetRowGroup(path, 0, byColumns: true, CancellationToken.None);
        using (keptRows)
        {
            foreach (var record in RecordFiles.ParquetRowRecords(keptRows!, 0, keptRows!.Count, 1, CancellationToken.None, FrozenSet.Create("messages", "note")))
            {
                keptTexts.Add(record.Texts?.Count ?? 0);
                placeholders.Add(record.Value.GetRawText());

                // Without the texts in use, a placeholder is the empty string it is.
                Outcome(record.Value.GetProperty("messages")).ShouldStartWith(record.Value.GetProperty("messages").ValueKind == JsonValueKind.Null ? "InvalidOperationException" : "JsonException");
                using (EmbeddedTexts.Use(record.Texts))
                {
                    kept.AddRange(schema.Fields.Select(f => Outcome(record.Value.GetProperty(f.Name))));
                }
            }
        }

        var escaped = RecordFiles.ParquetRowGroup(path, 0, 1, CancellationToken.None)
            .SelectMany(r => schema.Fields.Select(f => Outcome(r.Value.GetProperty(f.Name)))).ToList();

        kept.ShouldBe(escaped);
        kept[1].ShouldBe(values[0][1]);
        kept[4].ShouldStartWith("JsonException: Expected depth to be zero at the end of the JSON payload");
        kept[7].ShouldStartWith("InvalidOperationException");
        kept[8].ShouldStartWith("JsonException");
        kept[10].ShouldBe("[1, 2]");
        keptTexts.ShouldBe([2, 2, 0, 2, 2]);
        placeholders[0].ShouldBe("""{"id":"","messages":"","note":""}""");
        placeholders[2].ShouldBe("{\"id\":\"\",\"messages\":null,\"note\":\"\uFFFD( broken\"}");
    }

    [Fact]
    public async Task EmbeddedColumns_KeptOutOfTheirRows_HoldTheirPagesUntilReleased()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.parquet");
        var schema = new ParquetSchema(new DataField<string>("messages"), new DataField<string>("id"));
        var rows = Enumerable.Range(0, 6).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["messages"] = $"[{i}]", ["id"] = $"i{i}" }).ToList();
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.None, DictionaryEncodingThreshold = 0 },
                cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var keep in new[] { true, false })
        {
            using var columns = ParquetColumns.Read(reader, file, 0, CancellationToken.None).ShouldNotBeNull();
            columns.FromPages.ShouldBe(["messages", "id"]);
            columns.PagesHeld.ShouldBe(2);
            var texts = keep ? new EmbeddedTexts(FrozenSet.Create("messages")) : null;
            using var buffer = new PooledBufferWriter(256);
            for (var row = 0; row < 6; row++)
            {
                buffer.ResetWrittenCount();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    columns.Write(writer, row, texts);
                }

                texts?.SetRow(buffer.WrittenMemory);
                if (row < 5)
                {
                    texts?.Release();
                }
            }

            // The ids' page went back with the last row; the messages' page only once the last row's text is released.
            columns.PagesHeld.ShouldBe(keep ? 1 : 0);
            texts?.Count.ShouldBe(1);
            texts?.Release();
            columns.PagesHeld.ShouldBe(0);
        }
    }

    private static string Outcome(JsonElement element)
    {
        try
        {
            using var embedded = EmbeddedJson.Parse(element, new JsonDocumentOptions { MaxDepth = 256 });
            return embedded.Document.RootElement.GetRawText();
        }
        catch (Exception exception)
        {
            return $"{(exception is JsonException ? nameof(JsonException) : exception.GetType().Name)}: {exception.Message}";
        }
    }

    [Fact]
    public async Task FlatTextColumns_OfManyPagesFromAnotherWriter_WriteWhatTheRowDictionariesWrite()
    {
        // Parquet.Net writes one page per column chunk; pyarrow and most writers cut pages of about 1 MB. This file
        // (Data/generators/flat_multipage.js, parquetjs-lite) has 12 version 1 data pages of 10 rows in each column
        // chunk, Snappy, with nulls in three of its four columns.
        var path = TestData.PathOf("G_flat_multipage_parquetjs.parquet");
        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken))
        {
            reader.RowGroupCount.ShouldBe(1);
            using var columns = ParquetColumns.Read(reader, stream, 0, CancellationToken.None).ShouldNotBeNull();
            columns.FromPages.ShouldBe(["instance_id", "messages", "patch"]);
            columns.PagesHeld.ShouldBe(36);
        }

        var byColumns = Json(RecordFiles.ParquetRowGroup(path, 0, 1, byColumns: true, CancellationToken.None)).ToList();
        var byRows = Json(RecordFiles.ParquetRowGroup(path, 0, 1, byColumns: false, CancellationToken.None)).ToList();
        byColumns.Count.ShouldBe(120);
        byColumns.ShouldBe(byRows);

        // Decoded page by page as the rows are read (the threshold of a large chunk lowered to 0): the same rows.
        Json(RecordFiles.ParquetRowGroup(path, 0, 1, byColumns: true, CancellationToken.None, lazyBytes: 0)).ShouldBe(byRows);
        JsonNode.Parse(byColumns[5]["row 6: ".Length..])!["messages"].ShouldBeNull();
        JsonNode.Parse(byColumns[119]["row 120: ".Length..])!["instance_id"]!.GetValue<string>().ShouldBe("repo__task-119");
        var messages = JsonNode.Parse(JsonNode.Parse(byColumns[7]["row 8: ".Length..])!["messages"]!.GetValue<string>())!.AsArray();
        messages.Count.ShouldBe(3);
        messages[1]!["content"]!.GetValue<string>().ShouldContain("日本");
    }

    [Fact]
    public async Task NestedRowGroups_AreNotReadByColumns()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nested.parquet");
        ParquetFixture.Write(path, s_schema, [JsonNode.Parse("""{"instance_id":"x","messages":[],"resolved":true,"n":1,"score":0.5,"blob":null}""")!.AsObject()], 10);

        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken);
        ParquetColumns.Read(reader, stream, 0, CancellationToken.None).ShouldBeNull();
    }

    [Fact]
    public async Task FlatRowGroups_WithCorruptBytes_AreReportedAsRowGroupsThatCannotBeDecoded_NeverThrown()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "flat.parquet");
        var schema = new ParquetSchema(new DataField<string>("messages"), new DataField<long?>("n"), new DataField<double>("score"));
        var rows = Enumerable.Range(0, 40).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["messages"] = string.Concat(Enumerable.Repeat($"[{{\"role\": \"user\", \"content\": \"turn {i}\"}}]", 50 + i)),
            ["n"] = i % 3 == 0 ? null : (long)i,
            ["score"] = i / 4.0,
        }).ToList();
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, new ParquetOptions { RowGroupSize = 20 }, cancellationToken: TestContext.Current.CancellationToken);
        }

        using var record = ReliabilityRecord.Start(
            "Bad input: trajectory files",
            "Parquet rows (a JSON string column, an optional integer, a double; 2 row groups, Snappy) with 1 to 32 random bytes written over a random place in the first half of the file, each row group read by columns and as row dictionaries");
        var good = File.ReadAllBytes(path);
        var corrupt = Path.Combine(temp.Path, "corrupt.parquet");
        var reported = 0;
        var random = new Random(20261125);
        for (var n = 0; n < 200; n++)
        {
            // Garbage over a stretch of the row groups' pages (the footer at the end is left alone, so the file opens).
            var bytes = (byte[])good.Clone();
            var at = 4 + random.Next(bytes.Length / 2);
            for (var k = 0; k < 1 + random.Next(32); k++)
            {
                bytes[at + k] = (byte)random.Next(256);
            }

            File.WriteAllBytes(corrupt, bytes);
            foreach (var group in new[] { 0, 1 })
            {
                foreach (var byColumns in new[] { true, false })
                {
                    record.Case();
                    var records = Should.NotThrow(() => RecordFiles.ParquetRowGroup(corrupt, group, 1, byColumns, CancellationToken.None).Select(r => (r.Position, r.Error)).ToList());
                    reported += records.Count(r => r.Error is not null);
                    records.Where(r => r.Error is not null).ShouldAllBe(r => r.Position == $"row group {group + 1}" && r.Error!.StartsWith("the row group cannot be decoded", StringComparison.Ordinal));
                }
            }
        }

        reported.ShouldBeGreaterThan(0);
        record.Passed($"no exception escaped (a broken page header made Parquet.Net throw a Thrift protocol error, which escaped before 2026-11-25); {reported} row-group reads reported \"row group N: the row group cannot be decoded\" with the decoder's reason, the others decoded");
    }

    private static IEnumerable<string> Json(IEnumerable<SourceRecord> records) =>
        records.Select(r => r.IsValid ? $"{r.Position}: {r.Value.GetRawText()}" : $"{r.Position}: {r.Error}");
}
