using System.Text.Json;
using TrajectoryBuild.Packaging.Output;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class CroissantTests
{
    private static readonly CroissantOptions s_options = new("demo", "Demo.", "mit", "1.2.0", "https://huggingface.co/datasets/acme/demo", null);

    [Fact]
    public async Task Render_Context_MatchesHubSample()
    {
        using var temp = new TempDirectory();
        var set = await OutputFixture.WriteAsync(temp.Path);
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "output", "croissant_1.1_hf_mnist_metadata.json"), TestContext.Current.CancellationToken));

        using var ours = JsonDocument.Parse(Croissant.Render(s_options, [set]));

        // The Hub's context plus the two Croissant 1.1 terms for lists (spec 1.1 Appendix 1; mlcroissant's make_context for 1.1).
        var context = ours.RootElement.GetProperty("@context").EnumerateObject().ToList();
        context.Where(p => p.Name is not ("arrayShape" or "isArray")).Select(p => p.ToString())
            .ShouldBe(sample.RootElement.GetProperty("@context").EnumerateObject().Select(p => p.ToString()));
        context.Single(p => p.Name == "arrayShape").Value.GetString().ShouldBe("cr:arrayShape");
        context.Single(p => p.Name == "isArray").Value.GetString().ShouldBe("cr:isArray");
        ours.RootElement.GetProperty("conformsTo").GetString().ShouldBe(sample.RootElement.GetProperty("conformsTo").GetString());
        Keys(sample.RootElement).Except(["citeAs"]).ShouldAllBe(key => Keys(ours.RootElement).Contains(key));
        var splits = ours.RootElement.GetProperty("recordSet")[0];
        Keys(splits).ShouldBe(Keys(sample.RootElement.GetProperty("recordSet")[0]));
        splits.GetProperty("dataType").GetString().ShouldBe("cr:Split");
    }

    [Fact]
    public async Task Render_FileObjects_CarryTheFilesDigests()
    {
        using var temp = new TempDirectory();
        var set = await OutputFixture.WriteAsync(temp.Path);

        using var ours = JsonDocument.Parse(Croissant.Render(s_options, [set]));

        var files = ours.RootElement.GetProperty("distribution").EnumerateArray().Where(d => d.GetProperty("@type").GetString() == "cr:FileObject").ToList();
        files.Count.ShouldBe(set.Shards.Count);
        foreach (var file in files)
        {
            var path = file.GetProperty("@id").GetString()!;
            var bytes = await File.ReadAllBytesAsync(temp.Combine(path), TestContext.Current.CancellationToken);
            file.GetProperty("sha256").GetString().ShouldBe(OutputFiles.Sha256(bytes));
            file.GetProperty("contentUrl").GetString().ShouldBe($"https://huggingface.co/datasets/acme/demo/resolve/main/{path}");
        }

        var fields = ours.RootElement.GetProperty("recordSet")[1].GetProperty("field").EnumerateArray().Select(f => f.GetProperty("@id").GetString()).ToList();
        fields.ShouldBe(["sharegpt/split", "sharegpt/id", "sharegpt/repo", "sharegpt/resolved", "sharegpt/steps", "sharegpt/score", "sharegpt/messages"]);
    }

    [Fact]
    public async Task Render_SameInputs_SameText()
    {
        using var temp = new TempDirectory();
        var set = await OutputFixture.WriteAsync(temp.Path);

        Croissant.Render(s_options, [set]).ShouldBe(Croissant.Render(s_options, [set]));
    }

    private static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
