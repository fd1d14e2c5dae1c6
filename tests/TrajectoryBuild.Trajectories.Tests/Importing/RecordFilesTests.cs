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
