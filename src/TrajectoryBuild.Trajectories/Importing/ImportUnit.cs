namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// One piece of work of <see cref="ImportRunner"/>: a batch of JSON Lines records (their bytes copied into
/// <see cref="Buffer"/>, a pooled array), a whole file, one row group of a Parquet file, or some rows of a row group
/// the reader decoded.
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

    /// <summary>For a <see cref="UnitKind.RowGroup"/> unit of a file with nested columns, the end that makes the file one of its row group alone.</summary>
    public ParquetGroupEnd? GroupEnd { get; init; }

    /// <summary>The number (1-based) of the row group's first row in its file.</summary>
    public long FirstRow { get; init; }

    /// <summary>The decoded row group of a <see cref="UnitKind.RowBatch"/> unit, shared with the units of its other rows.</summary>
    public ParquetRowGroupRows? Rows { get; init; }

    /// <summary>The first row (0-based in the group) of a <see cref="UnitKind.RowBatch"/> unit.</summary>
    public int Start { get; init; }

    /// <summary>The number of rows of a <see cref="UnitKind.RowBatch"/> unit.</summary>
    public int Count { get; init; }

    /// <summary>Why the file of a <see cref="UnitKind.RowGroup"/> unit cannot be read at all (then it has no group).</summary>
    public string? FileError { get; init; }
}
