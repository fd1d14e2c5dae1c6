using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Sources;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Mining.Tests.Sources;

public sealed class ParquetSourceTests
{
    private static readonly double[] s_versions = [3.0, 0.8];

    [Fact]
    public async Task ReadAsync_ParquetWithListColumns_SameRecordsAsJsonLines()
    {
        using var temp = new TempDirectory();
        var ids = new[] { "acme__calc-1", "acme__calc-2", "acme__calc-3" };
        var parquet = temp.Combine("lite.parquet");
        var jsonl = temp.Combine("lite.jsonl");
        await ParquetSerializer.SerializeAsync(ids.Select(id => new ParquetTaskRow { InstanceId = id, Repo = "acme/calc" }), parquet, new ParquetOptions { RowGroupSize = 2 }, cancellationToken: TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(jsonl, ids.Select(id => TestRows.Row(id).ToJsonString()), TestContext.Current.CancellationToken);

        var reader = await ParquetReader.CreateAsync(parquet, cancellationToken: TestContext.Current.CancellationToken);
        await using (reader)
        {
            reader.RowGroupCount.ShouldBe(2, "the reader must go through every row group");
        }

        var fromParquet = await SweBenchFileSource.ReadAsync("lite", parquet, "lite", null, null, TestContext.Current.CancellationToken);
        var fromJsonl = await SweBenchFileSource.ReadAsync("lite", jsonl, "lite", null, null, TestContext.Current.CancellationToken);

        fromParquet.Rejections.ShouldBeEmpty();
        fromParquet.CandidatesSeen.ShouldBe(3);
        fromParquet.SnapshotDigest.ShouldBe(Digest.OfFile(parquet, TestContext.Current.CancellationToken));
        fromParquet.Tasks.Select(t => t.Provenance.Origin).ShouldBe(["lite#0", "lite#1", "lite#2"]);
        fromParquet.Tasks.Select(Comparable).ShouldBe(fromJsonl.Tasks.Select(Comparable));
        fromParquet.Tasks.Select(t => t.Provenance.ContentDigest).ShouldBe(fromJsonl.Tasks.Select(t => t.Provenance.ContentDigest));
    }

    [Fact]
    public async Task ReadAsync_ParquetWithJsonStringTestsAndFloatVersion_ReadsAsTheDatasetMeantThem()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("gym.parquet");
        var schema = new ParquetSchema(
            new DataField<string>("instance_id"),
            new DataField<string>("repo"),
            new DataField<string>("base_commit"),
            new DataField<string>("patch"),
            new DataField<string>("FAIL_TO_PASS"),
            new DataField<double>("version"));
        var stream = File.Create(path);
        await using (stream)
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: TestContext.Current.CancellationToken);
            await using (writer)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(schema.DataFields[0], ["acme__calc-1", "acme__calc-2"]);
                await group.WriteAsync(schema.DataFields[1], ["acme/calc", "acme/calc"]);
                await group.WriteAsync(schema.DataFields[2], [TestRows.Sha, TestRows.Sha]);
                await group.WriteAsync(schema.DataFields[3], [TestRows.CodePatch, TestRows.CodePatch]);
                await group.WriteAsync(schema.DataFields[4], ["[\"t::a\"]", "[\"t::b\", \"t::c\"]"]);
                await group.WriteAsync<double>(schema.DataFields[5], s_versions, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        var result = await SweBenchFileSource.ReadAsync("gym", path, "gym.parquet", null, null, TestContext.Current.CancellationToken);

        result.Rejections.ShouldBeEmpty();
        result.Tasks.Select(t => (t.Version, string.Join(",", t.FailToPass))).ShouldBe([("3.0", "t::a"), ("0.8", "t::b,t::c")]);
    }

    private static string Comparable(Mining.Tasks.TaskRecord task) =>
        (task with { Provenance = task.Provenance with { Origin = string.Empty } }).ToCanonicalText();
}
