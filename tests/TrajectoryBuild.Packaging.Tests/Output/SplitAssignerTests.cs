using TrajectoryBuild.Packaging.Output;

namespace TrajectoryBuild.Packaging.Tests.Output;

public sealed class SplitAssignerTests
{
    private static List<SplitUnitRows> Units(int count, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => new SplitUnitRows($"owner{i}/repo{i}", 1 + (i % 7)))];

    [Fact]
    public void Assign_EveryUnit_GetsExactlyOneSplit()
    {
        var units = Units(50);

        var splits = SplitAssigner.Assign(units, SplitOptions.Default);

        splits.Count.ShouldBe(50);
        splits.Values.ShouldAllBe(s => s == "train" || s == "test");
    }

    [Fact]
    public void Assign_ManyUnits_HonoursFractionsByRows()
    {
        var units = Units(400);

        var splits = SplitAssigner.Assign(units, SplitOptions.Default);

        var total = units.Sum(u => u.Rows);
        var test = units.Where(u => splits[u.Unit] == "test").Sum(u => u.Rows);
        ((double)test / total).ShouldBe(0.1, 0.02);
    }

    [Fact]
    public void Assign_SameSeed_IsDeterministicAndOrderIndependent()
    {
        var units = Units(60);

        var first = SplitAssigner.Assign(units, SplitOptions.Default);
        var second = SplitAssigner.Assign(Enumerable.Reverse(units), SplitOptions.Default);

        second.OrderBy(p => p.Key, StringComparer.Ordinal).ShouldBe(first.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Assign_OtherSeed_ChangesAssignment()
    {
        var units = Units(60);

        var first = SplitAssigner.Assign(units, SplitOptions.Default);
        var second = SplitAssigner.Assign(units, SplitOptions.Default with { Seed = 7 });

        units.Any(u => first[u.Unit] != second[u.Unit]).ShouldBeTrue();
    }

    [Fact]
    public void Assign_UnitAdded_MovesAtMostBoundaryUnits()
    {
        var units = Units(200);
        var before = SplitAssigner.Assign(units, SplitOptions.Default);

        var after = SplitAssigner.Assign([.. units, new SplitUnitRows("new/repo", 1)], SplitOptions.Default);

        units.Count(u => before[u.Unit] != after[u.Unit]).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void Assign_BadFractions_ListsEveryProblem()
    {
        var options = new SplitOptions(SplitUnit.Repository, 0, [new("train", 0.7), new("train", -0.1)]);

        var exception = Should.Throw<ArgumentException>(() => SplitAssigner.Assign(Units(3), options));

        exception.Message.ShouldContain("outside 0 to 1");
        exception.Message.ShouldContain("declared twice");
        exception.Message.ShouldContain("sum to");
    }

    [Fact]
    public void UnitOf_ByTask_UsesTaskId()
    {
        var provenance = new RecordProvenance("acme__alpha-1", "acme/alpha", "abc", "sha256:0", "0", "0", "ref", "m");

        SplitOptions.Default.UnitOf(provenance).ShouldBe("acme/alpha");
        (SplitOptions.Default with { By = SplitUnit.Task }).UnitOf(provenance).ShouldBe("acme__alpha-1");
    }
}
