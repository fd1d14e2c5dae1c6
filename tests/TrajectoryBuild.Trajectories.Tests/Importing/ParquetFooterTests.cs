using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// A Parquet file's footer cut to one row group (ParquetFooter, ParquetGroupStream): each row group of a nested file read
/// that way is the row group read with the whole footer.
public sealed class ParquetFooterTests
{
    private static readonly ParquetSchema s_schema = new(
        ParquetFixture.Text("instance_id"), ParquetFixture.Messages("messages"), new DataField<bool?>("resolved"), new DataField<long?>("n"));

    [Fact]
    public async Task EachRowGroup_ReadWithAFooterOfItsOwn_IsTheRowGroupReadWithTheWholeFooter()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nested.parquet");
        var rows = Enumerable.Range(0, 23).Select(Row).ToList();
        ParquetFixture.Write(path, s_schema, rows, rowGroupSize: 3);

        using var file = ParquetFile.Open(path, CancellationToken.None);
        file.Flat.ShouldBeFalse();
        file.Groups.Count.ShouldBe(8);
        var firstRow = 1L;
        for (var group = 0; group < file.Groups.Count; group++)
        {
            var end = file.GroupEnd(group).ShouldNotBeNull();

            // The footer of one group is far smaller than the whole (which lists all eight).
            end.End.Length.ShouldBeLessThan((int)(new FileInfo(path).Length - end.DataEnd) / 3);
            var alone = Json(RecordFiles.ParquetRowGroup(path, group, firstRow, CancellationToken.None, end));
            var whole = Json(RecordFiles.ParquetRowGroup(path, group, firstRow, byColumns: false, CancellationToken.None));
            var shared = Json(RecordRows(file.ReadRowGroup(group, CancellationToken.None), firstRow));

            // Parquet.Net reads it as a file of that one row group, with the file's schema and metadata.
            await using (var raw = File.OpenRead(path))
            await using (var view = end.Open(raw))
            await using (var reader = await ParquetReader.CreateAsync(view, leaveStreamOpen: true, cancellationToken: TestContext.Current.CancellationToken))
            {
                reader.RowGroupCount.ShouldBe(1);
                reader.Metadata!.NumRows.ShouldBe(file.Groups[group]);
                reader.RowGroups[0].RowCount.ShouldBe(file.Groups[group]);
                reader.Schema.ShouldBe(s_schema);
            }

            alone.ShouldBe(whole);
            shared.ShouldBe(whole);
            alone.Count.ShouldBe((int)file.Groups[group]);
            JsonNode.DeepEquals(JsonNode.Parse(alone[0][(alone[0].IndexOf(':') + 2)..]), rows[(int)firstRow - 1]).ShouldBeTrue(alone[0]);
            firstRow += file.Groups[group];
        }

        // The sequential reader reads every group so.
        Json(RecordFiles.ParquetRows(path, CancellationToken.None)).Count.ShouldBe(23);
    }

    [Fact]
    public void AFlatFile_IsReadByColumns_WithoutAFooterPerGroup()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "flat.parquet");
        ParquetFixture.Write(path, new ParquetSchema(ParquetFixture.Text("messages"), new DataField<long?>("n")),
            Enumerable.Range(0, 5).Select(i => new JsonObject { ["messages"] = $"[{i}]", ["n"] = (long)i }), rowGroupSize: 2);

        using var file = ParquetFile.Open(path, CancellationToken.None);
        file.Flat.ShouldBeTrue();
        file.GroupEnd(0).ShouldBeNull();
        Json(RecordRows(file.ReadRowGroup(2, CancellationToken.None), 5)).ShouldBe(["row 5: {\"messages\":\"[4]\",\"n\":4}"]);
    }

    [Fact]
    public void DamagedFooters_AreNeverThrown_AndNeverSplitIntoGroupsThatAreNotThere()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nested.parquet");
        ParquetFixture.Write(path, s_schema, Enumerable.Range(0, 9).Select(Row), rowGroupSize: 2);
        using var stream = File.OpenRead(path);
        var (footer, _) = ParquetFooter.Read(stream).ShouldNotBeNull();
        ParquetFooter.Parse(footer).ShouldNotBeNull().Groups.ShouldBe(5);

        var random = new Random(20261126);
        var parsed = 0;
        for (var n = 0; n < 2000; n++)
        {
            var bytes = (byte[])footer.Clone();
            var at = random.Next(bytes.Length);
            for (var k = 0; k < 1 + random.Next(8) && at + k < bytes.Length; k++)
            {
                bytes[at + k] = (byte)random.Next(256);
            }

            var damaged = n % 10 == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
            var split = Should.NotThrow(() => ParquetFooter.Parse(damaged));
            if (split is not null)
            {
                parsed++;
                for (var group = 0; group < split.Groups; group++)
                {
                    Should.NotThrow(() => split.ForGroup(group, 2));
                }
            }
        }

        parsed.ShouldBeGreaterThan(0);
        ParquetFooter.Parse([0x15]).ShouldBeNull();
        ParquetFooter.Parse([0]).ShouldBeNull("no row count and no row groups");
    }

    private static JsonObject Row(int i) => new()
    {
        ["instance_id"] = $"repo__name-{i}",
        ["messages"] = new JsonArray([.. Enumerable.Range(0, 1 + (i % 4)).Select(k => (JsonNode)new JsonObject
        {
            ["role"] = k % 2 == 0 ? "user" : "assistant",
            ["content"] = $"turn {k} of {i}: {new string('x', i * 11)}",
            ["tool_calls"] = null,
            ["tool_call_id"] = null,
            ["name"] = null,
        })]),
        ["resolved"] = i % 3 == 0 ? null : i % 2 == 0,
        ["n"] = (long)i,
    };

    private static IEnumerable<SourceRecord> RecordRows((ParquetRowGroupRows? Rows, string? Error) read, long firstRow)
    {
        read.Error.ShouldBeNull();
        using var rows = read.Rows!;
        foreach (var record in RecordFiles.ParquetRowRecords(rows, 0, rows.Count, firstRow, CancellationToken.None))
        {
            yield return record;
        }
    }

    private static List<string> Json(IEnumerable<SourceRecord> records) =>
        [.. records.Select(r => r.IsValid ? $"{r.Position}: {r.Value.GetRawText()}" : $"{r.Position}: {r.Error}")];
}
