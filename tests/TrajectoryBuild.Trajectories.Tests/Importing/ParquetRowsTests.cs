using System.Text.Json.Nodes;
using Parquet.Schema;
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
}
