using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Sources;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Mining.Tests.Sources;

public sealed class SweBenchFileSourceTests
{
    [Fact]
    public async Task ReadAsync_JsonLinesWithBadLines_ExactRejectionsAndGoodRowsSurvive()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("lite.jsonl");
        var bytes = new List<byte>();
        void Line(string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text + "\n"));
        Line(TestRows.Row("acme__calc-1").ToJsonString());
        Line("""{"instance_id": "acme__calc-2", "repo": "acme/calc", "base_comm""");
        Line(TestRows.Row("acme__calc-3").With("FAIL_TO_PASS", 5).ToJsonString());
        Line(TestRows.Row("acme__calc-4").Without("base_commit").ToJsonString());
        Line(string.Empty);
        Line(TestRows.Row("acme__calc-5").With("patch", TestRows.BrokenPatch).ToJsonString());
        Line(TestRows.Row("acme__calc-6").With("patch", TestRows.EscapingPatch).ToJsonString());
        bytes.AddRange("{\"instance_id\": \"acme__calc-7\", \"repo\": \"ac"u8.ToArray());
        bytes.AddRange([0xC3, 0x28]);
        Line("\"}");
        Line(TestRows.Row("acme__calc-1").With("problem_statement", "again").ToJsonString());
        Line("[1, 2]");
        bytes.AddRange(Encoding.UTF8.GetBytes(TestRows.Row("acme__calc-8").ToJsonString() + "\r\n   \r\n"));
        await File.WriteAllBytesAsync(path, bytes.ToArray(), TestContext.Current.CancellationToken);

        var result = await SweBenchFileSource.ReadAsync("lite", path, "data/lite.jsonl", null, null, TestContext.Current.CancellationToken);

        result.Tasks.Select(t => t.InstanceId).ShouldBe(["acme__calc-1", "acme__calc-8"]);
        result.SnapshotDigest.ShouldBe(Digest.OfFile(path, TestContext.Current.CancellationToken));
        Approvals.Verify(TestRows.Dump(result), "jsonl-bad-lines");
    }

    [Fact]
    public async Task ReadAsync_JsonForms_ArrayRowsWrapperAndSingleObject()
    {
        using var temp = new TempDirectory();
        var rows = new JsonArray(TestRows.Row("a__b-1"), TestRows.Row("a__b-2"), 7);
        var forms = new Dictionary<string, JsonNode>
        {
            ["array.json"] = rows.DeepClone(),
            ["rows.json"] = new JsonObject { ["rows"] = rows.DeepClone() },
            ["server.json"] = new JsonObject { ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject { ["row_idx"] = 0, ["row"] = r!.DeepClone() }).ToArray()) },
        };
        foreach (var (name, json) in forms)
        {
            await File.WriteAllTextAsync(temp.Combine(name), json.ToJsonString(), TestContext.Current.CancellationToken);

            var result = await SweBenchFileSource.ReadAsync("s", temp.Combine(name), name, null, null, TestContext.Current.CancellationToken);

            result.Tasks.Select(t => t.Provenance.Origin).ShouldBe([$"{name}#0", $"{name}#1"], name);
            result.Rejections.ShouldHaveSingleItem().Reason.ShouldBe(RejectionReasons.Malformed);
            result.CandidatesSeen.ShouldBe(3);
        }

        var single = await SweBenchFileSource.ReadAsync("s", TestRows.DataFile("swesmith_pandas_pr_53652_instance.json"), "one.json", null, null, TestContext.Current.CancellationToken);
        single.Tasks.ShouldHaveSingleItem().Provenance.Origin.ShouldBe("one.json");
    }

    [Fact]
    public async Task ReadAsync_Filters_ReportFilteredRowsAndKeepTheRest()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("f.jsonl");
        await File.WriteAllLinesAsync(path, [TestRows.Row("a__x-1", "a/x").ToJsonString(), TestRows.Row("a__x-2", "a/x").ToJsonString(), TestRows.Row("b__y-1", "b/y").ToJsonString()], TestContext.Current.CancellationToken);

        var byId = await SweBenchFileSource.ReadAsync("s", path, "f.jsonl", new HashSet<string> { "a__x-2", "b__y-1" }, null, TestContext.Current.CancellationToken);
        var byRepo = await SweBenchFileSource.ReadAsync("s", path, "f.jsonl", null, new HashSet<string> { "a/x" }, TestContext.Current.CancellationToken);

        Approvals.Verify(TestRows.Dump(byId) + TestRows.Dump(byRepo), "filters");
    }

    [Fact]
    public async Task ReadAsync_SnapshotDigest_ChangesWithTheFileOnly()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("d.jsonl");
        await File.WriteAllTextAsync(path, TestRows.Row("a__b-1").ToJsonString() + "\n", TestContext.Current.CancellationToken);

        var first = await SweBenchFileSource.ReadAsync("s", path, "d.jsonl", null, null, TestContext.Current.CancellationToken);
        var again = await SweBenchFileSource.ReadAsync("s", path, "d.jsonl", null, null, TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(path, "\n", TestContext.Current.CancellationToken);
        var changed = await SweBenchFileSource.ReadAsync("s", path, "d.jsonl", null, null, TestContext.Current.CancellationToken);

        again.SnapshotDigest.ShouldBe(first.SnapshotDigest);
        changed.SnapshotDigest.ShouldNotBe(first.SnapshotDigest);
        changed.Tasks.Single().ToCanonicalText().ShouldBe(first.Tasks.Single().ToCanonicalText());
    }

    [Theory]
    [InlineData("missing.jsonl", null, "source 's': dataset file 'data/missing.jsonl' does not exist")]
    [InlineData("tasks.csv", "a,b", "source 's': 'data/tasks.csv' has an unknown extension '.csv' (expected .jsonl, .json or .parquet)")]
    [InlineData("tasks.json", "[{", "source 's': 'data/tasks.json' is not valid JSON: ")]
    [InlineData("tasks.json", "\"text\"", "source 's': 'data/tasks.json' holds neither rows nor a row")]
    [InlineData("tasks.parquet", "not parquet", "source 's': 'data/tasks.parquet' cannot be read as Parquet (at row 0): ")]
    public async Task ReadAsync_UnreadableSource_ThrowsSourceReadException(string name, string? content, string message)
    {
        using var temp = new TempDirectory();
        if (content is not null)
        {
            await File.WriteAllTextAsync(temp.Combine(name), content, TestContext.Current.CancellationToken);
        }

        var e = await Should.ThrowAsync<SourceReadException>(() => SweBenchFileSource.ReadAsync("s", temp.Combine(name), "data/" + name, null, null, TestContext.Current.CancellationToken));

        e.Message.ShouldStartWith(message);
    }
}
