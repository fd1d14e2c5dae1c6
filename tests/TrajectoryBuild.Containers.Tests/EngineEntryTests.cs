namespace TrajectoryBuild.Containers.Tests;

public sealed class EngineEntryTests
{
    [Fact]
    public void ParseList_SpacesAndCommas_ReadsEveryEngineWithItsLimitOrTheDefault()
    {
        var entries = EngineEntry.ParseList(" unix:///var/run/docker.sock=1, tcp://10.0.0.7:2376=4\ttcp://builder-3:2375 ,");

        entries.Select(e => (EngineEntry.Describe(e.Endpoint), e.Limit)).ShouldBe(
        [
            ("unix:///var/run/docker.sock", 1),
            ("tcp://10.0.0.7:2376", 4),
            ("tcp://builder-3:2375", EngineEntry.DefaultLimit),
        ]);
    }

    [Theory]
    [InlineData("tcp://10.0.0.7:2376=0", "'tcp://10.0.0.7:2376=0': the limit '0' is not a whole number of at least 1")]
    [InlineData("tcp://10.0.0.7:2376=-1", "the limit '-1' is not a whole number of at least 1")]
    [InlineData("tcp://10.0.0.7:2376=1.5", "the limit '1.5' is not a whole number of at least 1")]
    [InlineData("tcp://10.0.0.7:2376=", "the limit '' is not a whole number of at least 1")]
    [InlineData("tcp://10.0.0.7:2376=two", "the limit 'two' is not a whole number of at least 1")]
    [InlineData("10.0.0.7:2376", "'10.0.0.7:2376': not a URL: write unix:///path/to/docker.sock or tcp://host:port")]
    [InlineData("http://10.0.0.7:2376", "'http://10.0.0.7:2376': the scheme 'http' is not unix or tcp")]
    [InlineData("ssh://builder@10.0.0.7", "the scheme 'ssh' is not unix or tcp")]
    [InlineData("tcp://10.0.0.7", "'tcp://10.0.0.7': a tcp:// endpoint needs a port, as in tcp://10.0.0.7:2376")]
    [InlineData("tcp://10.0.0.7:2376/v1.41", "a tcp:// endpoint is host:port only, with no path")]
    [InlineData("unix://", "a unix:// endpoint needs the socket's path")]
    [InlineData("tcp://Builder:2375=2 tcp://builder:2375=3", "'tcp://builder:2375=3': tcp://builder:2375 is listed twice")]
    [InlineData(" , ", "TRAJBUILD_ENGINES: it lists no engine")]
    public void ParseList_BadEntry_NamesTheEntryAndWhatIsWrong(string text, string expected)
    {
        var exception = Should.Throw<EngineConfigurationException>(() => EngineEntry.ParseList(text));

        exception.Message.ShouldStartWith("TRAJBUILD_ENGINES: ");
        exception.Message.ShouldContain(expected);
        exception.Message.ShouldContain("Each entry is ENDPOINT[=N]");
    }

    [Fact]
    public void ParseList_SeveralBadEntries_ReportsEveryOneAtOnce()
    {
        var exception = Should.Throw<EngineConfigurationException>(() => EngineEntry.ParseList("tcp://a:1=0 unix:///ok.sock http://b:2 unix:///ok.sock"));

        exception.Message.ShouldContain("'tcp://a:1=0': the limit '0'");
        exception.Message.ShouldContain("'http://b:2': the scheme 'http'");
        exception.Message.ShouldContain("'unix:///ok.sock': unix:///ok.sock is listed twice");
    }

    [Fact]
    public void FromEnvironment_Unset_IsTheDockerHostEngineAloneWithNoLimit()
    {
        using var pool = EnginePool.FromEnvironment(name => name == "DOCKER_HOST" ? "tcp://127.0.0.1:2375" : null);

        pool.Configured.ShouldBeFalse();
        pool.Entries.ShouldHaveSingleItem().ShouldBe(new EngineEntry(new Uri("tcp://127.0.0.1:2375"), int.MaxValue));
    }

    [Fact]
    public void FromEnvironment_EnginesListed_IsThatPoolWhateverDockerHostSays()
    {
        using var pool = EnginePool.FromEnvironment(name => name switch
        {
            "TRAJBUILD_ENGINES" => "unix:///var/run/docker.sock=2 tcp://10.0.0.7:2376=4",
            "DOCKER_HOST" => "tcp://elsewhere:2375",
            _ => null,
        });

        pool.Configured.ShouldBeTrue();
        pool.Entries.Select(e => e.Limit).ShouldBe([2, 4]);
    }
}
