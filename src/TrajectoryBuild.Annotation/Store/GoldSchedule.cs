using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.Annotation.Store;

/// <summary>
/// Where gold (control) items go in an annotator's queue: one in each block of <c>round(1 / rate)</c> places, at an
/// offset within the block drawn from the annotator and the block number, so gold comes at the configured rate but at
/// no position an annotator could learn (not every 10th place). Deterministic: the same user and history give the
/// same queue.
/// </summary>
internal static class GoldSchedule
{
    /// <summary>Whether the annotator's next place (<paramref name="taken"/> places so far, <paramref name="gold"/> of them gold) is for gold.</summary>
    public static bool IsGoldNext(long userId, int taken, int gold, double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        var size = Math.Max(1, (int)Math.Round(1 / rate));
        var block = taken / size;
        var offset = (int)(SplitMix64.Mix(((ulong)userId << 32) ^ (ulong)block) % (ulong)size);
        return gold <= block && taken % size >= offset;
    }
}
