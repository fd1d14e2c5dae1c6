namespace TrajectoryBuild.Packaging.Output;

/// <summary>Everything written for one config: its columns and shards.</summary>
/// <param name="Config">The config name (e.g. <c>sharegpt</c>).</param>
/// <param name="Columns">Its columns, in first-seen order over the written row order.</param>
/// <param name="Shards">Its shards, ordered by split, format and index.</param>
public sealed record ShardSet(string Config, IReadOnlyList<ShardColumn> Columns, IReadOnlyList<ShardFile> Shards)
{
    /// <summary>Rows per split (counted once, not per format), in split order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> SplitRows =>
        [.. Shards.GroupBy(s => s.Split, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.GroupBy(s => s.Format).Select(f => f.Sum(s => s.File.Rows)).Max()))];

    /// <summary>Total rows of the config.</summary>
    public long TotalRows => SplitRows.Sum(pair => pair.Value);
}
