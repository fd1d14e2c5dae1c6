using System.Globalization;

namespace TrajectoryBuild.Containers;

/// <summary>What one engine of a pool did in this process: how many targets it served, and the most at once.</summary>
internal sealed record EngineStats(Uri Endpoint, int Limit, int Served, int MostAtOnce)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{EngineEntry.Describe(Endpoint)}: {Served} target{(Served == 1 ? string.Empty : "s")}, at most {MostAtOnce} at once ({(Limit == int.MaxValue ? "no limit" : $"limit {Limit}")})");
}
