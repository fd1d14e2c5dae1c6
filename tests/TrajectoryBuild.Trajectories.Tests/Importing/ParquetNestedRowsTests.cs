using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// <summary>
/// Nested rows assembled from their columns' levels (<see cref="ParquetNestedRows"/>): for random schemas of lists and
/// structs and random rows with nulls and empty lists, the JSON of the rows that were written, byte for byte, as
/// <see cref="RecordFiles"/> writes a row's values (Parquet.Net's row dictionaries, read before, lose some of them); and
/// what they do not assemble (maps, columns that disagree, damage) left to those dictionaries.
/// </summary>
public sealed class ParquetNestedRowsTests
{
    [Fact]
    public async Task RandomNestedRows_AreTheRowsWritten_ByteForByte()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var assembled = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var schema = new ParquetSchema(Enumerable.Range(0, random.Next(1, 5)).Select(i => RandomField(random, $"f{i}", depth: 0)).ToArray());
            var rows = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomStruct(random, schema.Fields)).ToList();
            var path = temp.Combine($"nested-{seed}.parquet");
            await using (var stream = File.Create(path))
            {
                await ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, new ParquetOptions { RowGroupSize = random.Next(1, 20) }, cancellationToken: ct);
            }

            using var file = ParquetFile.Open(path, ct);
            file.Error.ShouldBeNull();
            var firstRow = 1L;
            for (var group = 0; group < file.Groups.Count; group++)
            {
                var expected = rows.Skip((int)firstRow - 1).Take((int)file.Groups[group]).Select(row => Expected(schema, row)).ToList();
                var read = Json(RecordFiles.ParquetRowGroup(path, group, firstRow, byColumns: true, ct));
                read.Select(r => r.Json).ShouldBe(expected, $"seed {seed}, row group {group + 1}: {schema}");
                read.Select(r => r.Position).ShouldBe(Enumerable.Range((int)firstRow, expected.Count).Select(n => $"row {n}"));
                (await Assembled(path, group, ct)).ShouldBe(expected, $"seed {seed}, row group {group + 1}: {schema}");
                firstRow += file.Groups[group];
                assembled++;
            }
        }

        assembled.ShouldBeGreaterThan(200);
    }

    // The row written from the dictionary it was made from: what the file holds.
    private static string Expected(ParquetSchema schema, Dictionary<string, object?> row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
        {
            writer.WriteStartObject();
            foreach (var field in schema.Fields)
            {
                writer.WritePropertyName(field.Name);
                RecordFiles.WriteParquetValue(writer, field, row[field.Name]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task EmptyListsInStructs_AndNullItems_AreKept()
    {
        // Parquet.Net's row dictionaries, which nested rows were read from before, give {"s":{"xs":null}} for the first and
        // {"s":{"xs":[1,2]}} for the second.
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var path = temp.Combine("lists.parquet");
        var schema = new ParquetSchema(new StructField("s", new ListField("xs", new DataField<long?>("element"))));
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(
                [
                    new Dictionary<string, object?> { ["s"] = new Dictionary<string, object?> { ["xs"] = new List<long?>() } },
                    new Dictionary<string, object?> { ["s"] = new Dictionary<string, object?> { ["xs"] = new List<long?> { 1, null, 2 } } },
                    new Dictionary<string, object?> { ["s"] = new Dictionary<string, object?> { ["xs"] = null } },
                    new Dictionary<string, object?> { ["s"] = null },
                ], schema, stream, cancellationToken: ct);
        }

        Json(RecordFiles.ParquetRows(path, ct)).Select(r => r.Json).ShouldBe(
            ["""{"s":{"xs":[]}}""", """{"s":{"xs":[1,null,2]}}""", """{"s":{"xs":null}}""", """{"s":null}"""]);
    }

    [Fact]
    public async Task Rows_WrittenOnSeveralThreadsInAnyOrder_AreTheRowsWrittenInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var random = new Random(7);
        var schema = new ParquetSchema(new DataField<string>("id"), RandomList(random, "steps", 0), new StructField("info", new DataField<long?>("n"), RandomList(random, "tags", 1)));
        var path = temp.Combine("rows.parquet");
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(Enumerable.Range(0, 500).Select(_ => RandomStruct(random, schema.Fields)).ToList(), schema, stream, cancellationToken: ct);
        }

        var inOrder = await Assembled(path, 0, ct);
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        using var rows = ParquetNestedRows.Read(reader, file, 0, ct)!;
        var written = new string[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, row => written[rows.Count - 1 - row] = Write(rows, rows.Count - 1 - row));
        written.ShouldBe(inOrder);
    }

    [Fact]
    public async Task Maps_AreLeftToRowDictionaries()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var map = temp.Combine("map.parquet");
        await using (var stream = File.Create(map))
        {
            await ParquetSerializer.SerializeUntypedAsync(
                [new Dictionary<string, object?> { ["id"] = "a", ["labels"] = new Dictionary<ReadOnlyMemory<char>, ReadOnlyMemory<char>?> { ["k".AsMemory()] = "v".AsMemory() } }],
                new ParquetSchema(new DataField<string>("id"), new MapField("labels", new DataField<string>("key", false), new DataField<string>("value"))), stream, cancellationToken: ct);
        }

        (await Read(map, ct)).ShouldBeNull();
        Json(RecordFiles.ParquetRowGroup(map, 0, 1, byColumns: true, ct)).Select(r => r.Json).ShouldBe(["""{"id":"a","labels":{"k":"v"}}"""]);
    }

    [Fact]
    public async Task ColumnsWhoseLevelsDisagree_AreLeftToRowDictionaries()
    {
        // Two columns of one list of structs: by the first, row 1 has 2 elements and row 2 has 1; by the second, 1 and 2.
        // Each column alone is well formed; together they make no rows.
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var path = temp.Combine("disagree.parquet");
        var schema = new ParquetSchema(new ListField("steps", new StructField("element", new DataField<string>("a"), new DataField<string>("b"))));
        var fields = schema.GetDataFields();
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct);
            using var group = writer.CreateRowGroup();
            ReadOnlyMemory<char>[] values = ["x".AsMemory(), "y".AsMemory(), "z".AsMemory()];
            int[] set = [4, 4, 4], twoThenOne = [0, 1, 0], oneThenTwo = [0, 0, 1];
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(fields[0], values, set, twoThenOne, ct);
            await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(fields[1], values, set, oneThenTwo, ct);
            group.CompleteValidate();
        }

        (await Read(path, ct)).ShouldBeNull();
        Json(RecordFiles.ParquetRowGroup(path, 0, 1, byColumns: true, ct)).ShouldBe(Json(RecordFiles.ParquetRowGroup(path, 0, 1, byColumns: false, ct)));
    }

    [Fact]
    public async Task DamagedNestedFiles_AreReportedAsRowDictionariesReportThem_UnlessEveryPageStillDecodes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        var random = new Random(11);
        var schema = new ParquetSchema(new DataField<string>("id"), RandomList(random, "steps", 0), new DataField<bool?>("ok"));
        var path = temp.Combine("whole.parquet");
        await using (var stream = File.Create(path))
        {
            await ParquetSerializer.SerializeUntypedAsync(Enumerable.Range(0, 30).Select(_ => RandomStruct(random, schema.Fields)).ToList(), schema, stream,
                new ParquetOptions { RowGroupSize = 10 }, cancellationToken: ct);
        }

        var bytes = await File.ReadAllBytesAsync(path, ct);
        var damaged = temp.Combine("damaged.parquet");
        var differentFromWhole = 0;
        var reported = 0;
        var readWhereDictionariesDidNot = 0;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var copy = (byte[])bytes.Clone();
            // Damage the data and page headers, not the footer: a file whose footer does not parse is not read at all.
            for (var hits = random.Next(1, 4); hits > 0; hits--)
            {
                copy[random.Next(4, bytes.Length - 2_000)] ^= (byte)random.Next(1, 256);
            }

            await File.WriteAllBytesAsync(damaged, copy, ct);
            using var file = ParquetFile.Open(damaged, ct);
            if (file.Error is not null)
            {
                continue;
            }

            var firstRow = 1L;
            for (var group = 0; group < file.Groups.Count; group++)
            {
                var dictionaries = Json(RecordFiles.ParquetRowGroup(damaged, group, firstRow, byColumns: false, ct));
                var read = Json(RecordFiles.ParquetRowGroup(damaged, group, firstRow, byColumns: true, ct));
                var rows = Enumerable.Range((int)firstRow, (int)file.Groups[group]).Select(n => $"row {n}").ToList();
                if (dictionaries.Any(r => r.Error is not null) && read.SequenceEqual(dictionaries))
                {
                    reported++;
                }
                else
                {
                    // Read where the dictionaries read, and, as flat columns read from their pages are, where the damage
                    // leaves every page, level and value whole (a byte of a header field neither needs, of a text).
                    read.Select(r => r.Position).ShouldBe(rows, $"attempt {attempt}, row group {group + 1}: {dictionaries[0].Error}");
                    read.ShouldAllBe(r => r.Error == null);
                    readWhereDictionariesDidNot += dictionaries.Any(r => r.Error is not null) ? 1 : 0;
                }

                differentFromWhole += read.SequenceEqual(Json(RecordFiles.ParquetRowGroup(path, group, firstRow, byColumns: true, ct))) ? 0 : 1;
                firstRow += file.Groups[group];
            }
        }

        differentFromWhole.ShouldBeGreaterThan(50, "the damage reached the rows");
        reported.ShouldBeGreaterThan(20, "some of it is reported");
        readWhereDictionariesDidNot.ShouldBeLessThan(reported);
    }

    private static List<(string Position, string? Error, string? Json)> Json(IEnumerable<SourceRecord> records) =>
        [.. records.Select(r => (r.Position, r.Error, r.IsValid ? r.Value.GetRawText() : null))];

    private static async Task<ParquetNestedRows?> Read(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        return ParquetNestedRows.Read(reader, file, 0, ct);
    }

    private static async Task<List<string>> Assembled(string path, int group, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        using var rows = ParquetNestedRows.Read(reader, file, group, ct);
        rows.ShouldNotBeNull("the row group is assembled from its columns");
        rows.FromPages.ShouldBe(reader.Schema.GetDataFields().Where(f => f.ClrType == typeof(ReadOnlyMemory<char>) || f.ClrType == typeof(ReadOnlyMemory<byte>) || f.ClrType == typeof(byte[])).Select(f => f.Path.ToString()),
            "texts and binaries from their pages");
        return [.. Enumerable.Range(0, rows.Count).Select(row => Write(rows, row))];
    }

    private static string Write(ParquetNestedRows rows, int row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, TrajectoryWriter.Options))
        {
            rows.Write(writer, row);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Lists of texts, numbers, flags and structs; structs of all of these; two levels of lists at most.
    private static Field RandomField(Random random, string name, int depth) => (depth < 3 ? random.Next(5) : 0) switch
    {
        0 or 1 => random.Next(8) == 0 ? new DataField<byte[]>(name) : RandomData(random, name),
        2 or 3 => RandomList(random, name, depth),
        _ => new StructField(name, [.. Enumerable.Range(0, random.Next(1, 4)).Select(i => RandomField(random, $"{name}_{i}", depth + 1))]),
    };

    private static ListField RandomList(Random random, string name, int depth) =>
        new(name, random.Next(2) == 0 || depth >= 2
            ? RandomData(random, "element")
            : new StructField("element", [.. Enumerable.Range(0, random.Next(1, 4)).Select(i => RandomField(random, $"m{i}", depth + 2))]));

    private static DataField RandomData(Random random, string name) => random.Next(6) switch
    {
        0 or 1 => new DataField<string>(name),
        2 => new DataField<long?>(name),
        3 => new DataField<bool?>(name),
        4 => new DataField<double?>(name),
        _ => new DataField<int>(name),
    };

    private static Dictionary<string, object?> RandomStruct(Random random, IEnumerable<Field> fields) =>
        fields.ToDictionary(f => f.Name, f => RandomValue(random, f, inList: false));

    private static object? RandomValue(Random random, Field field, bool inList)
    {
        var unset = random.Next(6) == 0;
        return field switch
        {
            DataField { ClrType: var type } when type == typeof(int) => random.Next(-1000, 1000),
            DataField when unset => null,
            DataField { ClrType: var type } when type == typeof(long) => (long?)random.NextInt64(long.MinValue, long.MaxValue),
            DataField { ClrType: var type } when type == typeof(bool) => (bool?)(random.Next(2) == 0),
            DataField { ClrType: var type } when type == typeof(double) => (double?)Math.Round((random.NextDouble() - 0.5) * 1e6, random.Next(0, 6)),
            DataField { ClrType: var type } when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => new ReadOnlyMemory<byte>([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => (byte)random.Next(256))]),
            DataField => inList ? (ReadOnlyMemory<char>?)RandomText(random).AsMemory() : RandomText(random),
            StructField when unset && !inList => null,
            StructField structField => RandomStruct(random, structField.Fields),
            ListField when unset => null,
            ListField { Item: StructField item } => Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomStruct(random, item.Fields)).ToList(),
            ListField { Item: DataField item } => RandomItems(random, item),
            _ => throw new InvalidOperationException(field.ToString()),
        };
    }

    private static object RandomItems(Random random, DataField item)
    {
        var count = random.Next(0, 5);
        object? Next() => RandomValue(random, item, inList: true);
        return item.ClrType switch
        {
            var type when type == typeof(long) => Enumerable.Range(0, count).Select(_ => (long?)Next()).ToList(),
            var type when type == typeof(bool) => Enumerable.Range(0, count).Select(_ => (bool?)Next()).ToList(),
            var type when type == typeof(double) => Enumerable.Range(0, count).Select(_ => (double?)Next()).ToList(),
            var type when type == typeof(int) => Enumerable.Range(0, count).Select(_ => (int)Next()!).ToList(),
            _ => (object)Enumerable.Range(0, count).Select(_ => (ReadOnlyMemory<char>?)Next()).ToList(),
        };
    }

    // Texts with escapes, non-ASCII and empty ones.
    private static string RandomText(Random random) => random.Next(5) switch
    {
        0 => "",
        1 => "line\nquote\" back\\slash <tag> é ✓ 🙂",
        _ => new string([.. Enumerable.Range(0, random.Next(1, 30)).Select(_ => (char)random.Next(32, 127))]),
    };
}
