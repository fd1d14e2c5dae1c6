using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.MacroBench.Inputs;
using TrajectoryBuild.MacroBench.Report;

namespace TrajectoryBuild.MacroBench.Tests;

public sealed class ReportTests
{
    private static JsonArray Points() =>
    [
        new JsonObject { ["tasks"] = 1000, ["median_seconds"] = 0.61, ["peak_mb"] = 120.5 },
        new JsonObject { ["tasks"] = 100000, ["median_seconds"] = 61.2, ["peak_mb"] = 4800.0 },
        new JsonObject { ["tasks"] = 10000, ["median_seconds"] = 5.9, ["peak_mb"] = 480.0 },
    ];

    [Fact]
    public void ScalingSvg_SamePoints_SameBytesWhateverTheirOrder()
    {
        var svg = ScalingSvg.Render(Points());
        var reversed = new JsonArray([.. Points().Reverse().Select(p => p!.DeepClone())]);

        ScalingSvg.Render(reversed).ShouldBe(svg);
        svg.ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        svg.ShouldContain(">61.2 s</text>");
        svg.ShouldContain(">4800 MB</text>");
        svg.ShouldContain("goal 2 s");
        svg.ShouldContain("goal 1 GiB");
        svg.ShouldNotContain("--no-stamp", customMessage: "no point has a plan in full: no second series, no legend");
    }

    [Fact]
    public void ScalingSvg_PointsWithAPlanInFull_DrawBothSeriesWithALegend()
    {
        var points = Points();
        points[1]!["full_median_seconds"] = 25.3;
        points[1]!["full_peak_mb"] = 1990.0;
        points[2]!["full_median_seconds"] = 2.2;
        points[2]!["full_peak_mb"] = 255.0;

        var svg = ScalingSvg.Render(points);

        svg.ShouldContain(">25.3 s</text>");
        svg.ShouldContain(">1990 MB</text>");
        svg.ShouldContain(">61.2 s</text>");
        svg.ShouldContain("trajbuild plan --no-stamp (in full: no stamp, no action index)");
        svg.Split("<polyline").Length.ShouldBe(5, "two series in each of the two panels");
    }

    [Fact]
    public async Task DocsPage_ReplacesOnlyBetweenItsMarkersAndWritesTheSvgBeside()
    {
        using var temp = new TempDirectory();
        var page = temp.Combine("benchmarks.md");
        await File.WriteAllTextAsync(page, $"# Title\nbefore\n{DocsPage.Begin}\nold table\n{DocsPage.End}\nafter\n", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(temp.Combine("out"));
        await File.WriteAllTextAsync(temp.Combine("out", "scaling.json"), new JsonObject { ["results"] = new JsonObject { ["points"] = Points() } }.ToJsonString(), TestContext.Current.CancellationToken);

        var written = await DocsPage.UpdateAsync(page, "| new |\n", temp.Combine("out"), TestContext.Current.CancellationToken);

        (await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken)).ShouldBe($"# Title\nbefore\n{DocsPage.Begin}\n| new |\n{DocsPage.End}\nafter\n");
        written.ShouldBe([page, temp.Combine(DocsPage.SvgName)]);
        (await File.ReadAllTextAsync(temp.Combine(DocsPage.SvgName), TestContext.Current.CancellationToken)).ShouldBe(ScalingSvg.Render(Points()));
    }

    [Fact]
    public async Task DocsPage_NoMarkers_SaysWhatToAdd()
    {
        using var temp = new TempDirectory();
        var page = temp.Combine("benchmarks.md");
        await File.WriteAllTextAsync(page, "# no markers\n", TestContext.Current.CancellationToken);

        var error = await Should.ThrowAsync<MacroBenchUsageException>(() => DocsPage.UpdateAsync(page, "| t |\n", temp.Path, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("has no '<!-- macro-bench:begin");
        error.Message.ShouldContain("add them where the table goes");
    }

    [Fact]
    public void MurmurHash64A_MatchesTheCommandHashNinjaWrote()
    {
        // From a .ninja_log that ninja 1.11.1 wrote for `command = touch $out`, output a.out.
        MurmurHash64A.Hash(Encoding.UTF8.GetBytes("touch a.out")).ShouldBe(0x61badffe223560cfUL);
    }

    [Fact]
    public void TaskFile_SameCount_SameBytes_AndTheChangedFileDiffersInOneCommit()
    {
        using var temp = new TempDirectory();
        TaskFile.Write(temp.Combine("a.jsonl"), 50);
        TaskFile.Write(temp.Combine("b.jsonl"), 50);
        TaskFile.WriteChanged(temp.Combine("c.jsonl"), 50);

        File.ReadAllBytes(temp.Combine("b.jsonl")).ShouldBe(File.ReadAllBytes(temp.Combine("a.jsonl")));
        var original = File.ReadAllLines(temp.Combine("a.jsonl"));
        var changed = File.ReadAllLines(temp.Combine("c.jsonl"));
        var differing = original.Zip(changed).Select((pair, i) => (pair, i)).Where(x => x.pair.First != x.pair.Second).ToList();
        differing.Count.ShouldBe(1);
        differing[0].i.ShouldBe(TaskFile.ChangedIndex(50));
        JsonNode.Parse(differing[0].pair.First)!["base_commit"]!.GetValue<string>().ShouldNotBe(JsonNode.Parse(differing[0].pair.Second)!["base_commit"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "--benchmarks", "plan,docker" }, "--benchmarks: unknown benchmark 'docker'; valid: plan, change, scaling, package, cache")]
    [InlineData(new[] { "--tasks", "0" }, "--tasks must be a whole number >= 1, not '0'")]
    [InlineData(new[] { "--iterations" }, "--iterations needs a value")]
    [InlineData(new[] { "--fast" }, "unknown option '--fast'; see --help")]
    [InlineData(new[] { "--scaling", "1000,x" }, "--scaling must be a whole number >= 1, not 'x'")]
    public void Options_Bad_SayWhatIsWrong(string[] args, string message)
    {
        Should.Throw<MacroBenchUsageException>(() => MacroBenchOptions.Parse(args)).Message.ShouldBe(message);
    }
}
