using TrajectoryBuild.Packaging.Release;

namespace TrajectoryBuild.Packaging.Tests.Release;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Order_FollowsTheSemVerSpecExample()
    {
        // semver.org, item 11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0.
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"];

        var shuffled = ordered.Reverse().Select(SemanticVersion.Parse).ToList();
        shuffled.Sort();

        shuffled.Select(v => v.Text).ShouldBe(ordered);
        (SemanticVersion.Parse("1.0.0+build.7") == SemanticVersion.Parse("1.0.0")).ShouldBeTrue("build metadata has no precedence");
    }

    [Theory]
    [InlineData("v1.2.0", "drop the leading 'v'")]
    [InlineData("1.2", "is not MAJOR.MINOR.PATCH")]
    [InlineData("01.2.0", "'01' is not a number without leading zeros")]
    [InlineData("1.2.0-rc..1", "pre-release identifier '' must be")]
    [InlineData("1.2.0-01", "pre-release identifier '01'")]
    [InlineData("1.2.0+", "build metadata '' must be")]
    [InlineData("", "a version is empty")]
    public void TryParse_BadVersion_SaysWhatIsWrong(string text, string expected)
    {
        SemanticVersion.TryParse(text, out var version, out var error).ShouldBeFalse();

        version.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(expected);
    }
}
