using System.Text;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Trajectories.Tests.Model;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

public sealed class RecordFilesTests
{
    [Fact]
    public void Lines_ReportBadLinesAndKeepReading()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.jsonl");
        File.WriteAllText(path, "{\"a\":1}\n\n{\"a\":\n{\"a\":3}\n{\"a\":4");

        var records = RecordFiles.Lines(path, CancellationToken.None).Select(r => (r.Position, r.IsValid, r.IsValid ? r.Value.GetRawText() : r.Error)).ToList();

        records.Select(r => r.Position).ShouldBe(["line 1", "line 3", "line 4", "line 5"]);
        records[0].Item3.ShouldBe("{\"a\":1}");
        records[1].IsValid.ShouldBeFalse();
        records[2].Item3.ShouldBe("{\"a\":3}");
        records[3].IsValid.ShouldBeFalse();
        records[3].Item3!.ShouldContain("truncated");
    }

    [Fact]
    public void Lines_ReadLinesLongerThanTheReadBuffer()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "big.jsonl");
        var big = new string('x', 3 << 20);
        File.WriteAllText(path, $"{{\"a\":\"{big}\"}}\n{{\"b\":2}}\n");

        var records = RecordFiles.Lines(path, CancellationToken.None).Select(r => r.Value.EnumerateObject().First().Name).ToList();

        records.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void ArrayElements_AreTheArraysElements_ReadInChunks_WhateverTheirSizeAndKind()
    {
        // Elements of every kind, spread over several 1 MiB reads: thousands of small ones, one of 3 MB (bigger than a
        // read), nested arrays, strings with escaped quotes and brackets, numbers cut by a read's end.
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.json");
        var text = new StringBuilder("\n [\n");
        for (var i = 0; i < 6000; i++)
        {
            text.Append((i % 7) switch
            {
                0 => $"{{\"i\": {i}, \"s\": \"a \\\"]}}\\\" é\"}}",
                1 => $"[{i}, [\"x\"], {{}}]",
                2 => $"{i}.5e3",
                3 => "\"]\"",
                4 => "null",
                5 => $"{{\"deep\": [[[{{\"k\": {i}}}]]]}}",
                _ => $"{{\"pad\": \"{new string('p', i % 500)}\"}}",
            });
            text.Append(i == 3000 ? $",\n{{\"big\": \"{new string('b', 3 << 20)}\"}},\n" : ",\n  ");
        }

        text.Append("true\n]\n");
        File.WriteAllText(path, text.ToString());
        using var whole = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var expected = whole.RootElement.EnumerateArray().Select((e, i) => $"element {i + 1}: {e.GetRawText()}").ToList();

        var elements = RecordFiles.ArrayElements(path, CancellationToken.None).Select(r => r.IsValid ? $"{r.Position}: {r.Value.GetRawText()}" : $"{r.Position}: {r.Error}").ToList();

        elements.Count.ShouldBe(6002);
        elements.ShouldBe(expected);
    }

    [Theory]
    [InlineData("[{\"a\":1},{\"a\":2},{\"a\":", 2, "element 3", "not valid JSON")]
    [InlineData("[{\"a\":1},{\"a\":2}", 2, "file", "not valid JSON")]
    [InlineData("[{\"a\":1},{\"a\":2},", 2, "file", "not valid JSON")]
    [InlineData("[{\"a\":1},{\"a\":2}] x", 2, "file", "not valid JSON")]
    [InlineData("[{\"a\":1},{\"a\" 2},{\"a\":3}]", 1, "element 2", "not valid JSON")]
    [InlineData("[{\"a\":1},tru]", 1, "file", "not valid JSON")]
    [InlineData("", 0, "file", "not valid JSON")]
    [InlineData("   ", 0, "file", "not valid JSON")]
    public void ArrayElements_WhereTheFileBreaks_TheElementsBeforeAreRead_AndTheRestIsOneRecordWithTheReason(string json, int good, string position, string reason)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.json");
        File.WriteAllText(path, json);

        var records = RecordFiles.ArrayElements(path, CancellationToken.None).Select(r => (r.Position, r.Error, Text: r.IsValid ? r.Value.GetRawText() : null)).ToList();

        records.Count.ShouldBe(good + 1);
        records.Take(good).Select(r => r.Text).ShouldBe(Enumerable.Range(1, good).Select(i => $"{{\"a\":{i}}}"));
        records[^1].Position.ShouldBe(position);
        records[^1].Error!.ShouldStartWith(reason);
    }

    [Fact]
    public void ArrayElements_ADocumentThatIsNotAnArray_IsOneRecord_AsBefore()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "row.json");
        File.WriteAllText(path, "\n{\"instance_id\": \"a\", \"list\": [1, 2]}\n");
        var scalar = Path.Combine(temp.Path, "scalar.json");
        File.WriteAllText(scalar, "42");

        RecordFiles.ArrayElements(path, CancellationToken.None).Select(r => $"{r.Position}: {r.Value.GetRawText()}").ShouldBe(["file: {\"instance_id\": \"a\", \"list\": [1, 2]}"]);
        RecordFiles.ArrayElements(scalar, CancellationToken.None).Select(r => $"{r.Position}: {r.Value.GetRawText()}").ShouldBe(["file: 42"]);
    }

    [Fact]
    public void ArrayElements_AfterAByteOrderMark_AreReadAsTheWholeDocumentWouldBe()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "bom.json");
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "[{\"a\":1},{\"a\":2}]"u8];
        File.WriteAllBytes(path, bytes);
        string[] expected;
        try
        {
            using var whole = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(), new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
            expected = [.. whole.RootElement.EnumerateArray().Select((e, i) => $"element {i + 1}: {e.GetRawText()}")];
        }
        catch (System.Text.Json.JsonException)
        {
            expected = ["file: error"];
        }

        RecordFiles.ArrayElements(path, CancellationToken.None).Select(r => r.IsValid ? $"{r.Position}: {r.Value.GetRawText()}" : $"{r.Position}: error").ShouldBe(expected);
    }

    [Fact]
    public void ArrayElements_NestedDeeperThanTheDocumentReaderTakes_BreakWhereItWouldHave()
    {
        // The whole file may nest 256 levels (the array is one), as when it was parsed whole.
        using var temp = new TempDirectory();
        var ok = Path.Combine(temp.Path, "ok.json");
        var deep = Path.Combine(temp.Path, "deep.json");
        File.WriteAllText(ok, "[1, " + new string('[', 255) + new string(']', 255) + "]");
        File.WriteAllText(deep, "[1, " + new string('[', 256) + new string(']', 256) + "]");

        RecordFiles.ArrayElements(ok, CancellationToken.None).Count(r => r.IsValid).ShouldBe(2);
        var broken = RecordFiles.ArrayElements(deep, CancellationToken.None).ToList();
        broken.Count.ShouldBe(2);
        broken[1].Position.ShouldBe("element 2");
        broken[1].Error!.ShouldContain("depth");
    }

    [Fact]
    public void NormalizedImporter_QuarantinesMixedVersionsAndSchemaErrors_KeepsTheRest()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "normalized.jsonl");
        var good = Encoding.UTF8.GetString(TrajectoryWriter.ToUtf8(TrajectoryWriterTests.Sample()));
        var extraField = good.Replace("\"patch\":", "\"surprise\":1,\"patch\":", StringComparison.Ordinal);
        var otherVersion = good.Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal);
        File.WriteAllLines(path, [good, extraField, otherVersion, good[..100], good]);

        var results = new NormalizedImporter().Import(TestData.SourceAt(path), CancellationToken.None).ToList();

        results.OfType<Imported>().Count().ShouldBe(2);
        var quarantined = results.OfType<Quarantined>().ToList();
        quarantined.Select(q => q.Position).ShouldBe(["line 2", "line 3", "line 4"]);
        quarantined[0].Reason.ShouldContain("surprise");
        quarantined[1].Reason.ShouldContain("mixed versions");
        quarantined[2].Reason.ShouldContain("not valid JSON");
    }
}
