using TrajectoryBuild.Randomness;
using TrajectoryBuild.Verification.Agreement;

namespace TrajectoryBuild.Verification.Tests.Agreement;

/// <summary>
/// A realistic stage 5 slice: trajectories of 4 to 12 turns, a true 1-3 score per turn drifting within a trajectory,
/// raters who mostly agree with it; some turns have a third rater, some only one.
/// </summary>
internal static class SyntheticRatings
{
    private static readonly string[] s_raters = ["alice", "bob", "carol"];

    public static List<Rating> Create(int trajectories = 40, ulong seed = 3)
    {
        var random = new SplitMix64(seed);
        var ratings = new List<Rating>();
        for (var t = 0; t < trajectories; t++)
        {
            var level = 1 + random.Next(3);
            var turns = 4 + random.Next(9);
            for (var turn = 0; turn < turns; turn++)
            {
                if (random.Next(4) == 0)
                {
                    level = Math.Clamp(level + random.Next(3) - 1, 1, 3);
                }

                var raters = random.Next(10) switch { 0 => 1, < 4 => 3, _ => 2 };
                foreach (var rater in s_raters.Take(raters))
                {
                    var value = random.Next(5) == 0 ? Math.Clamp(level + random.Next(3) - 1, 1, 3) : level;
                    ratings.Add(new Rating($"traj-{t:D3}", $"{turn}", rater, value));
                }
            }
        }

        return ratings;
    }

    /// <summary>The ratings in another order, fixed by <paramref name="seed"/> (Fisher-Yates).</summary>
    public static List<Rating> Shuffled(IEnumerable<Rating> ratings, ulong seed)
    {
        var list = ratings.ToList();
        var random = new SplitMix64(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
