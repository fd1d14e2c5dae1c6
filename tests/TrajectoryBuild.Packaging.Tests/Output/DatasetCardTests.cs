using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class DatasetCardTests
{
    [Fact]
    public async Task Render_FrontMatter_ParsesAndValidates()
    {
        using var temp = new TempDirectory();
        var set = await OutputFixture.WriteAsync(temp.Path);

        var card = DatasetCard.Render(OutputFixture.Card(), [set]);

        DatasetCardValidator.Validate(card).ShouldBeEmpty();
        var front = DatasetCardValidator.FrontMatter(card)!;
        front["license"].ShouldBe("mit");
        front["pretty_name"].ShouldBe("Demo trajectories");
        front["size_categories"].ShouldBe(new List<object?> { "n<1K" });
        front["task_categories"].ShouldBe(new List<object?> { "text-generation" });
        var config = (Dictionary<object, object?>)((List<object?>)front["configs"]!)[0]!;
        config["config_name"].ShouldBe("sharegpt");
        var files = ((List<object?>)config["data_files"]!).Cast<Dictionary<object, object?>>().ToList();
        files.Select(f => f["split"]).ShouldBe(["test", "train"]);
        files.Select(f => f["path"]).ShouldBe(["data/sharegpt/test-*.parquet", "data/sharegpt/train-*.parquet"]);
        var info = (Dictionary<object, object?>)((List<object?>)front["dataset_info"]!)[0]!;
        ((List<object?>)info["features"]!).Cast<Dictionary<object, object?>>().Select(f => f["dtype"]).ShouldBe(["string", "string", "bool", "int64", "float64", "string"]);
        card.ShouldContain("| sharegpt | train | 15 | 8 |");
        card.ShouldContain("```bibtex");
    }

    [Fact]
    public void Validate_MissingKeysAndBadShapes_ListsEach()
    {
        const string card = "---\nlicense: mit\ntask_categories: text-generation\nsize_categories:\n- huge\nconfigs: []\n---\n# x\n";

        var errors = DatasetCardValidator.Validate(card);

        errors.ShouldContain(e => e.StartsWith("pretty_name", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("task_categories", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("'huge'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("configs", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("dataset_info", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoFrontMatter_Fails() => DatasetCardValidator.Validate("# title\n").ShouldNotBeEmpty();

    [Theory]
    [InlineData(0, "n<1K")]
    [InlineData(999, "n<1K")]
    [InlineData(1_000, "1K<n<10K")]
    [InlineData(250_000, "100K<n<1M")]
    [InlineData(2_000_000_000, "1B<n<10B")]
    public void SizeCategory_Rows_MatchesHubBuckets(long rows, string expected) => DatasetCard.SizeCategory(rows).ShouldBe(expected);
}
