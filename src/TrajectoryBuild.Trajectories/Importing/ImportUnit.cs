namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// One piece of work of <see cref="ImportRunner"/>: a batch of JSON Lines records (their bytes copied into
/// <see cref="Buffer"/>, a pooled array), a whole file, or a file its importer must stream in order (Parquet).
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
}
