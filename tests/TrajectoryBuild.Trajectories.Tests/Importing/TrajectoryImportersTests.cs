using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

public sealed class TrajectoryImportersTests
{
    [Fact]
    public void ManifestSchema_OffersExactlyTheRegisteredFormats()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schema", "datasets.schema.json")))!;

        var offered = schema["definitions"]!["scaffold"]!["properties"]!["import"]!["properties"]!["format"]!["enum"]!.AsArray().Select(f => f!.GetValue<string>());

        offered.ShouldBe(TrajectoryImporters.All.Select(i => i.Format));
    }

    [Fact]
    public void Registry_FormatsAreUniqueAndDescribed()
    {
        TrajectoryImporters.All.Select(i => i.Format).ShouldBeUnique();
        TrajectoryImporters.All.ShouldAllBe(i => i.Description.Length > 0 && i.Version >= 1);
    }
}
