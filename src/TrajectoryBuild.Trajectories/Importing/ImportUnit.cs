namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// One piece of work of <see cref="ImportRunner"/>: a batch of JSON Lines records (their bytes copied into
/// <see cref="Buffer"/>, a pooled array), a whole file, or one row group of a Parquet file.
/// </summary>
internal sealed class ImportUnit(int fileIndex, ImportFile file, UnitKind kind)
{
    public int FileIndex { get; } = fileIndex;

    public ImportFile File { get; } = file;

    public UnitKind Kind { get; } = kind;

    /// <summary>The source, when the reader already hashed the file (line batches).</summary>
    public ImportSource? Source { get; init; }

    public byte[] Buffer { get; set; } = [];

    public int Length { get; set; }

    public List<LineSlice> Lines { get; } = [];

    /// <summary>The row group (0-based) of a <see cref="UnitKind.RowGroup"/> unit.</summary>
    public int Group { get; init; }

    /// <summary>The number (1-based) of the row group's first row in its file.</summary>
    public long FirstRow { get; init; }

    /// <summary>Why the file of a <see cref="UnitKind.RowGroup"/> unit cannot be read at all (then it has no group).</summary>
    public string? FileError { get; init; }
}
