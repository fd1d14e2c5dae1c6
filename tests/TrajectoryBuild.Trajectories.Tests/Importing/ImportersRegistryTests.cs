using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

public sealed class ImportersRegistryTests
{
    [Theory]
    [InlineData("swe-agent")]
    [InlineData("mini-swe-agent")]
    [InlineData("nebius-swe-agent")]
    [InlineData("aider")]
    public void TheFormatIsRegistered(string format)
    {
        TrajectoryImporters.TryGet(format, out var importer).ShouldBeTrue();
        importer.Format.ShouldBe(format);
    }
}
