using System.Text;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;
using Samples = TrajectoryBuild.Trajectories.Tests.Model.TrajectoryWriterTests;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// <summary>The parallel import gives what the sequential one gives: the same bytes, quarantines and order.</summary>
public sealed class ImportRunnerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 300)]
    [InlineData(2, 1 << 20)]
    public async Task JsonLines_SameBytesQuarantinesAndOrderAsTheSequentialImport(int parallelism, int batchBytes)
    {
        using var temp = new TempDirectory();
        var good = Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Samples.Sample()));
        var extraField = good.Replace("\"patch\":", "\"surprise\":1,\"patch\":", StringComparison.Ordinal);
        var otherVersion = good.Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal);
        var first = Path.Combine(temp.Path, "a.jsonl");
        var second = Path.Combine(temp.Path, "b.jsonl");
        var third = Path.Combine(temp.Path, "c.jsonl");
        File.WriteAllLines(first, [.. Enumerable.Repeat(good, 20), extraField, "", good, otherVersion, good[..100], .. Enumerable.Repeat(good, 20)]);
        File.WriteAllText(second, $"{otherVersion}\n{good}\n{otherVersion}\n{good[..50]}");
        File.WriteAllText(third, "\n\n");
        ImportFile[] files = [new(first, "a.jsonl"), new(second, "b.jsonl"), new(third, "c.jsonl")];

        var (bytes, quarantines, totals) = await Parallel(new NormalizedImporter(), files, parallelism, batchBytes);

        var (expectedBytes, expectedQuarantines) = Sequential(new NormalizedImporter(), files);
        expectedQuarantines.Count.ShouldBe(7);
        quarantines.ShouldBe(expectedQuarantines);
        Encoding.UTF8.GetString(bytes).ShouldBe(Encoding.UTF8.GetString(expectedBytes));
        totals.ShouldBe(new ImportTotals(files.Sum(f => new FileInfo(f.Path).Length), 41, 7));
    }

    [Fact]
    public async Task WholeFiles_SameBytesQuarantinesAndOrderAsTheSequentialImport()
    {
        using var temp = new TempDirectory();
        var broken = Path.Combine(temp.Path, "broken.traj");
        File.WriteAllText(broken, "{\"trajectory\": [");
        var sample = TestData.PathOf("B_sweagent_function_calling_simple_demo.traj");
        ImportFile[] files = [new(sample, "demo.traj"), new(broken, "broken.traj"), new(sample, "again/demo.traj")];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-agent");

        var (bytes, quarantines, totals) = await Parallel(importer, files, 2, 1 << 20);

        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        quarantines.ShouldHaveSingleItem().ShouldStartWith("broken.traj: file:");
        bytes.ShouldBe(expectedBytes);
        totals.Trajectories.ShouldBe(2);
    }

    [Theory]
    [InlineData("openhands")]
    [InlineData("openhands-v1")]
    public async Task OpenHandsJsonLines_AreCutIntoLineBatches_SameBytesAsTheSequentialImport(string format)
    {
        using var temp = new TempDirectory();
        var line = format == "openhands"
            ? File.ReadAllText(TestData.PathOf("F_openhands_output.jsonl")).TrimEnd('\n')
            : System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(TestData.PathOf("F_openhands_v1_events.json")))!.ToJsonString();
        var path = Path.Combine(temp.Path, "output.jsonl");
        File.WriteAllLines(path, [line, line[..40], line, line]);
        ImportFile[] files = [new(path, "output.jsonl")];
        var importer = TrajectoryImporters.All.Single(i => i.Format == format);

        var (bytes, quarantines, totals) = await Parallel(importer, files, 2, 1);

        ((RecordImporter)importer).ReadsLines(path).ShouldBeTrue();
        ((RecordImporter)importer).ReadsLines(Path.Combine(temp.Path, "trajectory.json")).ShouldBeFalse();
        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        quarantines.ShouldHaveSingleItem().ShouldStartWith("output.jsonl: line 2");
        bytes.ShouldBe(expectedBytes);
        totals.Trajectories.ShouldBe(3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task ParquetFiles_AreCutIntoRowGroups_SameBytesAsTheSequentialImport(int parallelism)
    {
        using var temp = new TempDirectory();
        var row = ParquetFixture.JsonLines(TestData.PathOf("F_swe_gym_rows.jsonl")).Single();
        var bad = row.DeepClone().AsObject();
        bad["messages"]![1]!["role"] = "narrator";
        var schema = new Parquet.Schema.ParquetSchema(
            ParquetFixture.Messages("messages"), ParquetFixture.Text("instance_id"), ParquetFixture.Tools("tools"), new Parquet.Schema.DataField<bool?>("resolved"));
        var first = Path.Combine(temp.Path, "a.parquet");
        var second = Path.Combine(temp.Path, "b.parquet");
        var truncated = Path.Combine(temp.Path, "c.parquet");
        ParquetFixture.Write(first, schema, [row, row, bad, row, row, row, bad], rowGroupSize: 2);
        ParquetFixture.Write(second, schema, [row, row, row], rowGroupSize: 10);
        File.WriteAllBytes(truncated, File.ReadAllBytes(second)[..^20]);
        ImportFile[] files = [new(first, "a.parquet"), new(truncated, "c.parquet"), new(second, "b.parquet")];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-gym");
        var posted = new List<UnitKind>();
        var ends = new List<bool>();

        var (bytes, quarantines, totals) = await Parallel(importer, files, parallelism, 1, u =>
        {
            posted.Add(u.Kind);
            ends.Add(u.GroupEnd is not null);
        });

        ((RecordImporter)importer).ReadsRowGroups(first).ShouldBeTrue();
        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        quarantines.Select(q => q[..q.IndexOf(':', 11)]).ShouldBe(["a.parquet: row 3, $.messages[1].role", "a.parquet: row 7, $.messages[1].role", "c.parquet: file"]);
        bytes.ShouldBe(expectedBytes);
        totals.Trajectories.ShouldBe(8);

        // Nested row groups are each a unit of their own (a.parquet has 4), but the one group of b.parquet, fewer groups
        // than cores, is decoded by the reader and its 3 rows cut into units, one row each.
        posted.ShouldBe(parallelism == 1
            ? [UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup]
            : [UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowGroup, UnitKind.RowBatch, UnitKind.RowBatch, UnitKind.RowBatch]);

        // Each nested row group a worker decodes is read with a footer of its own (ParquetFooter), not the whole file's.
        ends.ShouldBe(parallelism == 1 ? [true, true, true, true, false, true] : [true, true, true, true, false, false, false, false]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(4, 3000)]
    [InlineData(2, 1 << 20)]
    public async Task FlatParquetRowGroups_AreDecodedOnceAndCutIntoBatchesOfRows_SameBytesAsTheSequentialImport(int parallelism, int batchBytes)
    {
        // The Hub's SWE-smith rows: the messages a JSON string, every column flat. Row groups of 10, 10 and 5 rows of
        // different lengths, a row whose messages are not JSON and one with an unknown role; a flat file cut short.
        using var temp = new TempDirectory();
        var sample = ParquetFixture.JsonLines(TestData.PathOf("B_swesmith_ft_xml_example_excerpt.jsonl")).Single();
        var messages = sample["messages"]!.AsArray();
        var rows = Enumerable.Range(0, 25).Select(i => new System.Text.Json.Nodes.JsonObject
        {
            ["messages"] = i switch
            {
                7 => "[{\"role\": \"user\"",
                12 => messages.ToJsonString().Replace("\"assistant\"", "\"narrator\"", StringComparison.Ordinal),
                _ => new System.Text.Json.Nodes.JsonArray([.. messages.Take(2 + (i % 5)).Select(m => m!.DeepClone())]).ToJsonString(),
            },
            ["instance_id"] = $"repo__name.{i}",
            ["resolved"] = i % 3 == 0,
            ["traj_id"] = i % 4 == 1 ? null : $"t{i}",
        }).ToList();
        var schema = new Parquet.Schema.ParquetSchema(
            new Parquet.Schema.DataField<string>("messages"), new Parquet.Schema.DataField<string>("instance_id"), new Parquet.Schema.DataField<bool>("resolved"), new Parquet.Schema.DataField<string>("traj_id"));
        var first = Path.Combine(temp.Path, "a.parquet");
        var second = Path.Combine(temp.Path, "b.parquet");
        var truncated = Path.Combine(temp.Path, "c.parquet");
        ParquetFixture.Write(first, schema, rows, rowGroupSize: 10);
        ParquetFixture.Write(second, schema, rows.Take(3), rowGroupSize: 10);
        File.WriteAllBytes(truncated, File.ReadAllBytes(second)[..^20]);

        // The first page header overwritten: the footer reads, the row group does not decode.
        var damaged = Path.Combine(temp.Path, "d.parquet");
        var bytes2 = File.ReadAllBytes(second);
        bytes2.AsSpan(4, 64).Fill(0xFF);
        File.WriteAllBytes(damaged, bytes2);
        ImportFile[] files = [new(first, "a.parquet"), new(truncated, "c.parquet"), new(damaged, "d.parquet"), new(second, "b.parquet")];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-smith");
        var posted = new List<UnitKind>();

        // The messages' texts are kept out of the rows' JSON (EmbeddedTexts) by the batches, not by the sequential import.
        ((RecordImporter)importer).EmbeddedColumns.ShouldBe(["messages"]);

        var (bytes, quarantines, totals) = await Parallel(importer, files, parallelism, batchBytes, u => posted.Add(u.Kind));

        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        quarantines.Select(q => q[..q.IndexOf(':', 11)]).ShouldBe(["a.parquet: row 8, $.messages", "a.parquet: row 13, $.messages[2].role", "c.parquet: file", "d.parquet: row group 1"]);
        Encoding.UTF8.GetString(bytes).ShouldBe(Encoding.UTF8.GetString(expectedBytes));
        totals.Trajectories.ShouldBe(26);

        // One unit per row at a batch of 1 byte; with 1 MB, one per row group. The truncated file is one unit (its reason),
        // and so is the row group that does not decode (its worker reads it again and reports it).
        posted.Count(k => k == UnitKind.RowGroup).ShouldBe(2);
        posted.Count(k => k == UnitKind.RowBatch).ShouldBe(batchBytes switch { 1 => 28, 1 << 20 => 4, _ => posted.Count(k => k == UnitKind.RowBatch) });
        posted.Count(k => k == UnitKind.RowBatch).ShouldBeGreaterThan(batchBytes == 3000 ? 4 : 3);
    }

    [Theory]
    [InlineData(1, 1, 0L)]
    [InlineData(2, 3000, 0L)]
    [InlineData(2, 1 << 20, 0L)]
    [InlineData(2, 3000, ParquetByteArrays.LazyBytes)]
    public async Task FlatParquetRowGroupsOfManyPages_LoadedPageByPageAsTheyAreCut_SameBytesAsTheSequentialImport(int parallelism, int batchBytes, long lazyChunkBytes)
    {
        // One row group of 120 rows whose column chunks hold 12 pages each (another writer's, parquetjs-lite): with a
        // threshold of 0 every chunk is decoded page by page as the rows are cut, the import's output unchanged.
        ImportFile[] files = [new(TestData.PathOf("G_flat_multipage_parquetjs.parquet"), "multipage.parquet")];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-smith");
        var posted = new List<UnitKind>();

        var (bytes, quarantines, totals) = await Parallel(importer, files, parallelism, batchBytes, u => posted.Add(u.Kind), lazyChunkBytes);

        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        Encoding.UTF8.GetString(bytes).ShouldBe(Encoding.UTF8.GetString(expectedBytes));
        (totals.Trajectories + totals.Quarantined).ShouldBe(120);
        totals.Trajectories.ShouldBeGreaterThan(100);
        posted.ShouldAllBe(k => k == UnitKind.RowBatch);
        switch (batchBytes)
        {
            case 1:
                posted.Count.ShouldBe(120, "a unit per row");
                break;
            case 1 << 20:
                posted.Count.ShouldBe(1, "the group's text is under 1 MB");
                break;
            default:
                posted.Count.ShouldBeGreaterThan(10);
                break;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FilesOfEveryKind_Mixed_EachRecordCarriesItsOwnFilesDigest(int parallelism)
    {
        // The reader hashes the next file it cuts while it cuts this one: a digest given to the wrong file, or a whole
        // file (hashed by its worker) between two cut files, would change the provenance of some records.
        using var temp = new TempDirectory();
        var rows = ParquetFixture.JsonLines(TestData.PathOf("F_swe_gym_rows.jsonl"));
        var row = rows.Single();
        var other = row.DeepClone().AsObject();
        other["instance_id"] = "other__repo-2";
        var schema = new Parquet.Schema.ParquetSchema(
            ParquetFixture.Messages("messages"), ParquetFixture.Text("instance_id"), ParquetFixture.Tools("tools"), new Parquet.Schema.DataField<bool?>("resolved"));
        string PathOf(string name) => Path.Combine(temp.Path, name);
        ParquetFixture.Write(PathOf("a.parquet"), schema, [row, other, row], rowGroupSize: 2);
        File.WriteAllLines(PathOf("b.jsonl"), [row.ToJsonString(), other.ToJsonString()]);
        File.WriteAllText(PathOf("c.json"), new System.Text.Json.Nodes.JsonArray(other.DeepClone(), row.DeepClone()).ToJsonString());
        File.WriteAllLines(PathOf("d.jsonl"), [other.ToJsonString(), other.ToJsonString(), row.ToJsonString()]);
        ParquetFixture.Write(PathOf("e.parquet"), schema, [other], rowGroupSize: 1);
        string[] names = ["a.parquet", "b.jsonl", "c.json", "d.jsonl", "e.parquet"];
        ImportFile[] files = [.. names.Select(n => new ImportFile(PathOf(n), n))];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-gym");

        var (bytes, quarantines, totals) = await Parallel(importer, files, parallelism, 1);

        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBeEmpty();
        expectedQuarantines.ShouldBeEmpty();
        files.Select(f => Digest.OfFile(f.Path, TestContext.Current.CancellationToken)).Distinct().Count().ShouldBe(files.Length);
        Encoding.UTF8.GetString(bytes).ShouldBe(Encoding.UTF8.GetString(expectedBytes));
        totals.Trajectories.ShouldBe(11);
    }

    [Fact]
    public async Task AFileThatCannotBeRead_StopsTheRunWithItsError_AfterTheFilesBeforeItAreWritten()
    {
        using var temp = new TempDirectory();
        var first = Path.Combine(temp.Path, "a.jsonl");
        File.WriteAllLines(first, Enumerable.Repeat(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Samples.Sample())), 30));
        ImportFile[] files = [new(first, "a.jsonl"), new(Path.Combine(temp.Path, "missing.jsonl"), "missing.jsonl")];
        using var output = new MemoryStream();
        var run = new ImportRun(
            new NormalizedImporter(),
            t => ImportedIds.Assign(t, "test"),
            (bytes, _) =>
            {
                output.Write(bytes.Span);
                return ValueTask.CompletedTask;
            },
            (_, _) => ValueTask.CompletedTask)
        { Scaffold = "test", MaxParallelism = 2, BatchBytes = 1 };

        var error = await Should.ThrowAsync<FileNotFoundException>(() => ImportRunner.RunAsync(run, files, CancellationToken.None));

        error.FileName.ShouldBe(files[1].Path);
        output.ToArray().ShouldBe(Sequential(new NormalizedImporter(), files[..1]).Bytes);
    }

    [Fact]
    public async Task Progress_IsReportedInFileOrder_AndEndsAtTheTotals()
    {
        using var temp = new TempDirectory();
        var good = Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Samples.Sample()));
        ImportFile[] files = [.. Enumerable.Range(0, 3).Select(i =>
        {
            var path = Path.Combine(temp.Path, $"{i}.jsonl");
            File.WriteAllLines(path, [.. Enumerable.Repeat(good, 10 * (i + 1)), "{"]);
            return new ImportFile(path, $"{i}.jsonl");
        })];
        var reports = new List<ImportProgress>();
        var run = new ImportRun(new NormalizedImporter(), t => t, (_, _) => ValueTask.CompletedTask, (_, _) => ValueTask.CompletedTask)
        {
            BatchBytes = 1,
            MaxParallelism = 2,
            Progress = reports.Add,
        };

        var totals = await ImportRunner.RunAsync(run, files, CancellationToken.None);

        reports.Count.ShouldBeGreaterThan(3);
        reports.Select(r => r.FilesDone).ShouldBeInOrder(SortDirection.Ascending);
        reports.Select(r => r.Trajectories).ShouldBeInOrder(SortDirection.Ascending);
        reports.ShouldAllBe(r => r.Files == 3 && r.Bytes == totals.Bytes);
        reports[^1].ShouldBe(new ImportProgress(3, 3, totals.Bytes, totals.Bytes, 60, 3));
        reports.Where(r => r.FilesDone == 1).ShouldAllBe(r => r.BytesDone == new FileInfo(files[0].Path).Length);
    }

    [Fact]
    public async Task FilesBehindSymbolicLinks_CountTheirTargetsBytes()
    {
        // The Hugging Face cache's layout: snapshots/<revision>/<file> is a relative link to blobs/<hash>; here one link
        // leads to another.
        using var temp = new TempDirectory();
        var blobs = Directory.CreateDirectory(Path.Combine(temp.Path, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(temp.Path, "snapshots", "main")).FullName;
        var good = Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Samples.Sample()));
        File.WriteAllLines(Path.Combine(blobs, "a1"), Enumerable.Repeat(good, 4));
        File.WriteAllLines(Path.Combine(blobs, "b2"), Enumerable.Repeat(good, 7));
        File.CreateSymbolicLink(Path.Combine(snapshot, "a.jsonl"), "../../blobs/a1");
        File.CreateSymbolicLink(Path.Combine(blobs, "b2-link"), "b2");
        File.CreateSymbolicLink(Path.Combine(snapshot, "b.jsonl"), Path.Combine(blobs, "b2-link"));
        ImportFile[] files = [new(Path.Combine(snapshot, "a.jsonl"), "a.jsonl"), new(Path.Combine(snapshot, "b.jsonl"), "b.jsonl")];
        var reports = new List<ImportProgress>();
        var run = new ImportRun(new NormalizedImporter(), t => t, (_, _) => ValueTask.CompletedTask, (_, _) => ValueTask.CompletedTask) { Progress = reports.Add };

        var totals = await ImportRunner.RunAsync(run, files, CancellationToken.None);

        var bytes = new FileInfo(Path.Combine(blobs, "a1")).Length + new FileInfo(Path.Combine(blobs, "b2")).Length;
        new FileInfo(files[0].Path).Length.ShouldBeLessThan(100, "the link's own length, which the import counted before");
        totals.ShouldBe(new ImportTotals(bytes, 11, 0));
        reports[^1].ShouldBe(new ImportProgress(2, 2, bytes, bytes, 11, 0));
        ImportFile.LengthOf(Path.Combine(snapshot, "missing.jsonl")).ShouldBe(0);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(2, 1 << 20)]
    public async Task JsonArrays_AreCutIntoBatchesOfElements_SameBytesAsTheSequentialImport(int parallelism, int batchBytes)
    {
        // SWE-smith rows as JSON arrays: a whole one (with a row of an unknown role), one broken in its fourth element
        // (the three before it are kept), and a file of one row object (not an array: read whole).
        using var temp = new TempDirectory();
        var sample = ParquetFixture.JsonLines(TestData.PathOf("B_swesmith_ft_xml_example_excerpt.jsonl")).Single();
        var rows = Enumerable.Range(0, 9).Select(i =>
        {
            var row = sample.DeepClone().AsObject();
            row["instance_id"] = $"repo__name.{i}";
            if (i == 5)
            {
                row["messages"]![2]!["role"] = "narrator";
            }

            return row.ToJsonString();
        }).ToList();
        string PathOf(string name) => Path.Combine(temp.Path, name);
        File.WriteAllText(PathOf("a.json"), "[\n" + string.Join(",\n", rows) + "\n]\n");
        File.WriteAllText(PathOf("b.json"), "[" + string.Join(",", rows.Take(3)) + "," + rows[3][..(rows[3].Length / 2)]);
        File.WriteAllText(PathOf("c.json"), rows[7]);
        string[] names = ["a.json", "b.json", "c.json"];
        ImportFile[] files = [.. names.Select(n => new ImportFile(PathOf(n), n))];
        var importer = TrajectoryImporters.All.Single(i => i.Format == "swe-smith");
        var posted = new List<UnitKind>();

        var (bytes, quarantines, totals) = await Parallel(importer, files, parallelism, batchBytes, u => posted.Add(u.Kind));

        var (expectedBytes, expectedQuarantines) = Sequential(importer, files);
        quarantines.ShouldBe(expectedQuarantines);
        quarantines.Select(q => q[..q.IndexOf(':', 10)]).ShouldBe(["a.json: element 6, $.messages[2].role", "b.json: element 4"]);
        quarantines[1].ShouldContain("not valid JSON");
        Encoding.UTF8.GetString(bytes).ShouldBe(Encoding.UTF8.GetString(expectedBytes));
        totals.Trajectories.ShouldBe(8 + 3 + 1);

        // One unit per element at a batch of 1 byte (the broken element's reason is one too); the row object whole.
        posted.ShouldBe([.. Enumerable.Repeat(UnitKind.Lines, batchBytes == 1 ? 9 + 4 : 2), UnitKind.WholeFile]);
    }

    [Fact]
    public async Task AFailingOutput_StopsTheRunWithItsError()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.jsonl");
        File.WriteAllLines(path, Enumerable.Repeat(Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(Samples.Sample())), 50));
        var run = new ImportRun(new NormalizedImporter(), t => t, (_, _) => throw new IOException("disk full"), (_, _) => ValueTask.CompletedTask) { BatchBytes = 1 };

        var error = await Should.ThrowAsync<IOException>(() => ImportRunner.RunAsync(run, [new ImportFile(path, "rows.jsonl")], CancellationToken.None));

        error.Message.ShouldBe("disk full");
    }

    private static async Task<(byte[] Bytes, List<string> Quarantines, ImportTotals Totals)> Parallel(ITrajectoryImporter importer, ImportFile[] files, int parallelism, int batchBytes,
        Action<ImportUnit>? posted = null, long lazyChunkBytes = ParquetByteArrays.LazyBytes)
    {
        using var output = new MemoryStream();
        var quarantines = new List<string>();
        var run = new ImportRun(
            importer,
            t => ImportedIds.Assign(t, "test"),
            (bytes, _) =>
            {
                output.Write(bytes.Span);
                return ValueTask.CompletedTask;
            },
            (bad, _) =>
            {
                quarantines.Add(bad.ToString());
                return ValueTask.CompletedTask;
            })
        { Scaffold = "test", MaxParallelism = parallelism, BatchBytes = batchBytes, Posted = posted, LazyChunkBytes = lazyChunkBytes };
        var totals = await ImportRunner.RunAsync(run, files, CancellationToken.None);
        return (output.ToArray(), quarantines, totals);
    }

    /// <summary>The reference: one record at a time, as <c>trajbuild import</c> did before <see cref="ImportRunner"/>.</summary>
    private static (byte[] Bytes, List<string> Quarantines) Sequential(ITrajectoryImporter importer, ImportFile[] files)
    {
        using var output = new MemoryStream();
        var quarantines = new List<string>();
        foreach (var file in files)
        {
            var source = new ImportSource(file.Path, file.RelativePath, Digest.OfFile(file.Path)) { Scaffold = "test" };
            foreach (var result in importer.Import(source, CancellationToken.None))
            {
                if (result is Imported imported)
                {
                    output.Write(TrajectoryWriter.ToUtf8(ImportedIds.Assign(imported.Trajectory, "test")));
                    output.WriteByte((byte)'\n');
                }
                else
                {
                    quarantines.Add(result.ToString()!);
                }
            }
        }

        return (output.ToArray(), quarantines);
    }
}
