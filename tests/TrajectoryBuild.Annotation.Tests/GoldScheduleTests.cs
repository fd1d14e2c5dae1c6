using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Tests;

public sealed class GoldScheduleTests
{
    // Simulates queues with gold always available: which places are gold.
    private static List<int> GoldPlaces(long userId, int places, double rate)
    {
        var gold = new List<int>();
        for (var taken = 0; taken < places; taken++)
        {
            if (GoldSchedule.IsGoldNext(userId, taken, gold.Count, rate))
            {
                gold.Add(taken);
            }
        }

        return gold;
    }

    [Theory]
    [InlineData(0.1, 10)]
    [InlineData(0.25, 4)]
    [InlineData(1.0, 1)]
    public void IsGoldNext_OneGoldPerBlock_AtTheRate(double rate, int block)
    {
        foreach (var user in Enumerable.Range(1, 50))
        {
            var places = GoldPlaces(user, 100, rate);

            places.Count.ShouldBe(100 / block);
            places.Select(p => p / block).ShouldBe(Enumerable.Range(0, 100 / block), $"user {user}: {string.Join(", ", places)}");
        }
    }

    [Fact]
    public void IsGoldNext_Positions_VaryAcrossAnnotatorsAndBlocks()
    {
        var offsets = Enumerable.Range(1, 50).SelectMany(user => GoldPlaces(user, 100, 0.1).Select(p => p % 10)).ToList();

        offsets.Distinct().Count().ShouldBe(10, "every offset within a block occurs: no fixed 10th place");
        GoldPlaces(7, 100, 0.1).ShouldBe(GoldPlaces(7, 100, 0.1));
    }

    [Fact]
    public void IsGoldNext_RateZero_NeverAndAGoldTakenLateIsNotRepeated()
    {
        GoldPlaces(3, 100, 0).ShouldBeEmpty();
        GoldSchedule.IsGoldNext(3, taken: 9, gold: 1, rate: 0.1).ShouldBeFalse("block 0 already had its gold");
    }
}
