using TrajectoryBuild.Cache;

namespace TrajectoryBuild.Tests.Cache;

public sealed class OutputMapTests
{
    [Fact]
    public void Of_NamesInAnyOrder_IsADictionaryInOrdinalOrder_AndATwiceGivenNameKeepsItsLastFile()
    {
        string[] names = ["b.json", "a.txt", "B.json", "b.json", "a.txt/x"];
        OutputFile[] files = [new("1", 1), new("2", 2), new("3", 3), new("4", 4), new("5", 5)];
        var expected = new SortedDictionary<string, OutputFile>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            expected[names[i]] = files[i];
        }

        var map = OutputMap.Of(names, files);

        map.ToList().ShouldBe(expected.ToList());
        map.Keys.ShouldBe(expected.Keys);
        map.Values.ShouldBe(expected.Values);
        map.Count.ShouldBe(4);
        map["b.json"].ShouldBe(new OutputFile("4", 4));
        map.TryGetValue("B.json", out var upper).ShouldBeTrue();
        upper.ShouldBe(new OutputFile("3", 3));
        map.ContainsKey("c").ShouldBeFalse();
        map.TryGetValue("a", out _).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => map["missing"]).Message.ShouldContain("B.json, a.txt, a.txt/x, b.json");
    }

    [Fact]
    public void Of_SortedNames_KeepsThem_AndNoNameIsAnEmptyMap()
    {
        var map = OutputMap.Of(["a", "b"], [new("1", 1), new("2", 2)]);
        map.Keys.ShouldBe(["a", "b"]);
        OutputMap.Of([], []).ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => OutputMap.Of(["a"], []));
    }
}
