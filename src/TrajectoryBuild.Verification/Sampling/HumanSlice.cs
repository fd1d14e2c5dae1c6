using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrajectoryBuild.Verification.Sampling;

/// <summary>A trajectory that may go to annotators: the facts the slice is stratified and topped up on.</summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Repo">The task's repository (<c>owner/name</c>).</param>
/// <param name="Scaffold">The scaffold's name in the manifest.</param>
/// <param name="Model">The model's name, or <c>-</c>.</param>
/// <param name="Resolved">Evaluate's outcome.</param>
/// <param name="Steps">How many turns it has.</param>
/// <param name="GateScore">The gate's score (0..1).</param>
/// <param name="GateAccept">Whether the gate accepted it.</param>
public sealed record SliceCandidate(string TrajectoryId, string Repo, string Scaffold, string Model, bool Resolved, int Steps, double GateScore, bool GateAccept)
{
    /// <summary>The stratum: <c>repo|scaffold|model|outcome|length</c>, length short (up to 10 turns), medium (up to 30) or long.</summary>
    public string Stratum => string.Join('|', Repo, Scaffold, Model, Resolved ? "resolved" : "unresolved", Steps <= 10 ? "short" : Steps <= 30 ? "medium" : "long");

    /// <summary>Whether the gate and the tests disagree: the gate accepts an unresolved trajectory or rejects a resolved one.</summary>
    public bool Disagrees => GateAccept != Resolved;
}

/// <summary>How the slice is drawn (the manifest's <c>verification.human</c>).</summary>
/// <param name="Fraction">The share of trajectories sent to annotators (0.10 to 0.15).</param>
/// <param name="RandomShare">The share of the slice drawn at random; the rest is the uncertainty top-up.</param>
/// <param name="OverlapAnnotators">Annotators per overlapping item.</param>
/// <param name="OverlapFraction">The share of the random part labelled by <paramref name="OverlapAnnotators"/> people.</param>
/// <param name="Threshold">The gate's threshold: scores within <see cref="UncertaintyBand"/> of it are uncertain.</param>
/// <param name="Seed">Mixed into every draw; change it to draw another slice.</param>
public sealed record SliceOptions(double Fraction, double RandomShare, int OverlapAnnotators, double OverlapFraction, double Threshold, string Seed)
{
    /// <summary>How close to the threshold a gate score must be to count as uncertain.</summary>
    public const double UncertaintyBand = 0.1;
}

/// <summary>One trajectory of the slice.</summary>
/// <param name="Candidate">The trajectory.</param>
/// <param name="Reason">Random draw or uncertainty top-up.</param>
/// <param name="Annotators">How many people label it.</param>
public sealed record SlicePick(SliceCandidate Candidate, SliceReason Reason, int Annotators);

/// <summary>
/// Picks the human slice. Deterministic and independent of input order: every draw orders trajectories by
/// SHA-256 of the seed and the id, so adding trajectories moves few picks.
/// <list type="number">
/// <item>Size: <c>round(fraction x N)</c>, at least 1 when there is any trajectory.</item>
/// <item>Random part (<c>round(size x random_share)</c>): stratified by repo x scaffold x model x outcome x length,
/// allocated to strata in proportion to their size (largest remainder), the first of each stratum in hash order.
/// Only this part feeds estimates (agreement, gate accuracy): it is a stratified random sample.</item>
/// <item>Top-up: from the rest, the trajectories where the gate and the tests disagree, then those with a gate score
/// nearest the threshold (within 0.1), up to the size. When too few are uncertain, the random part grows instead.</item>
/// <item>Overlap: <c>overlap.fraction</c> of the random part (at least one item when the fraction is above 0) is labelled
/// by <c>overlap.annotators</c> people, the rest by one.</item>
/// </list>
/// </summary>
public static class HumanSlice
{
    /// <summary>Picks the slice of <paramref name="candidates"/>, in trajectory id order.</summary>
    public static IReadOnlyList<SlicePick> Select(IEnumerable<SliceCandidate> candidates, SliceOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        var all = candidates.OrderBy(c => c.TrajectoryId, StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return [];
        }

        var size = Math.Clamp((int)Math.Round(options.Fraction * all.Count, MidpointRounding.AwayFromZero), 1, all.Count);
        var randomSize = Math.Clamp((int)Math.Round(size * options.RandomShare, MidpointRounding.AwayFromZero), 1, size);
        var random = Stratified(all, randomSize, options.Seed);
        var topUp = Uncertain(all, random, options).Take(size - randomSize).ToList();
        if (random.Count + topUp.Count < size)
        {
            random = Stratified(all, size - topUp.Count, options.Seed);
            topUp = [.. Uncertain(all, random, options).Take(size - random.Count)];
        }

        var overlapCount = options.OverlapFraction <= 0 || options.OverlapAnnotators < 2
            ? 0
            : Math.Clamp((int)Math.Round(options.OverlapFraction * random.Count, MidpointRounding.AwayFromZero), 1, random.Count);
        var overlap = random.OrderBy(c => Rank("overlap", options.Seed, c.TrajectoryId), StringComparer.Ordinal)
            .Take(overlapCount).Select(c => c.TrajectoryId).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. random.Select(c => new SlicePick(c, SliceReason.Random, overlap.Contains(c.TrajectoryId) ? options.OverlapAnnotators : 1))
                .Concat(topUp.Select(c => new SlicePick(c, SliceReason.Uncertainty, 1)))
                .OrderBy(p => p.Candidate.TrajectoryId, StringComparer.Ordinal),
        ];
    }

    private static List<SliceCandidate> Stratified(List<SliceCandidate> all, int count, string seed)
    {
        var strata = all.GroupBy(c => c.Stratum, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Members: g.OrderBy(c => Rank("random", seed, c.TrajectoryId), StringComparer.Ordinal).ToList(), Exact: (double)count * g.Count() / all.Count))
            .ToList();
        var quotas = strata.Select(s => (int)Math.Floor(s.Exact)).ToArray();
        var order = Enumerable.Range(0, strata.Count).OrderByDescending(i => strata[i].Exact - quotas[i]).ThenBy(i => i);
        foreach (var i in order.Take(count - quotas.Sum()))
        {
            quotas[i]++;
        }

        return [.. strata.SelectMany((s, i) => s.Members.Take(quotas[i]))];
    }

    private static IEnumerable<SliceCandidate> Uncertain(List<SliceCandidate> all, List<SliceCandidate> random, SliceOptions options)
    {
        var taken = random.Select(c => c.TrajectoryId).ToHashSet(StringComparer.Ordinal);
        return all.Where(c => !taken.Contains(c.TrajectoryId) && (c.Disagrees || Math.Abs(c.GateScore - options.Threshold) <= SliceOptions.UncertaintyBand))
            .OrderByDescending(c => c.Disagrees)
            .ThenBy(c => Math.Abs(c.GateScore - options.Threshold))
            .ThenBy(c => Rank("uncertainty", options.Seed, c.TrajectoryId), StringComparer.Ordinal);
    }

    private static string Rank(string draw, string seed, string id) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{draw}\n{seed}\n{id}"))));
}
