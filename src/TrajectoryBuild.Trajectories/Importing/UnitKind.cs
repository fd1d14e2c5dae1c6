namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>What an <see cref="ImportUnit"/> holds.</summary>
internal enum UnitKind
{
    /// <summary>A batch of JSON Lines records, converted on a worker.</summary>
    Lines,

    /// <summary>A whole file (one document, or a JSON array), hashed and converted on a worker.</summary>
    WholeFile,

    /// <summary>One row group of a Parquet file (or the reason the file cannot be read), read and converted on a worker.</summary>
    RowGroup,

    /// <summary>Some rows of a Parquet row group the reader decoded (shared by the units of its rows), converted on a worker.</summary>
    RowBatch,
}
