using Parquet;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// A Parquet file opened once: its footer read and parsed once, then its row groups decoded one at a time from the same
/// reader. The footer grows with the number of row groups, and with text columns' statistics (each row group's
/// smallest and largest value, whole): 60 MB for 2,000 row groups of 5 long rows each, which read again for each row
/// group took 149 s to import, read once 1.2 s (docs/benchmarks.md, stages 3-4). A row group with nested columns is
/// read with a reader of its own (<see cref="ParquetNestedRows"/>, or Parquet.Net's deserializer), which reads a footer
/// each time: it is given a footer of that row group alone (<see cref="GroupEnd"/>). Not for use on several threads at once.
/// </summary>
internal sealed class ParquetFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetReader? _reader;
    private readonly ParquetFooter? _footer;
    private readonly long _dataEnd;

    private ParquetFile(FileStream stream, ParquetReader? reader, IReadOnlyList<long> groups, bool flat, string? error, (ParquetFooter Footer, long DataEnd)? cut = null)
    {
        _stream = stream;
        _reader = reader;
        Groups = groups;
        Flat = flat;
        Error = error;
        _footer = cut?.Footer;
        _dataEnd = cut?.DataEnd ?? 0;
    }

    /// <summary>The row count of each row group (empty when the file cannot be read).</summary>
    public IReadOnlyList<long> Groups { get; }

    /// <summary>Whether its columns are all flat: its row groups are read by columns (<see cref="ParquetColumns"/>).</summary>
    public bool Flat { get; }

    /// <summary>Why the file cannot be read (not Parquet, truncated), or null.</summary>
    public string? Error { get; }

    /// <summary>Opens <paramref name="path"/> and reads its footer; a file that is not readable Parquet opens with its <see cref="Error"/>.</summary>
    public static ParquetFile Open(string path, CancellationToken cancellationToken)
    {
        var stream = RecordFiles.OpenParquet(path);
        ParquetReader? reader = null;
        try
        {
            reader = ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).GetAwaiter().GetResult();
            IReadOnlyList<long> groups = [.. reader.RowGroups.Select(g => g.RowCount)];
            var flat = ParquetColumns.Takes(reader.Schema);
            return new ParquetFile(stream, reader, groups, flat, null, flat ? null : Cut(stream, groups.Count));
        }
        catch (Exception exception) when (RecordFiles.IsParquetFailure(exception))
        {
            reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new ParquetFile(stream, null, [], false, $"not a readable Parquet file (truncated or another format): {exception.Message}");
        }
        catch
        {
            reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream.Dispose();
            throw;
        }
    }

    // The footer of a file with nested columns, split at its row groups; null when it cannot be (it is read whole then).
    private static (ParquetFooter Footer, long DataEnd)? Cut(FileStream stream, int groups) =>
        ParquetFooter.Read(stream) is var (footer, dataEnd) && ParquetFooter.Parse(footer) is { } parsed && parsed.Groups == groups ? (parsed, dataEnd) : null;

    /// <summary>Decodes row group <paramref name="group"/> (0-based), or says why it cannot be decoded.</summary>
    public (ParquetRowGroupRows? Rows, string? Error) ReadRowGroup(int group, CancellationToken cancellationToken, long lazyBytes = ParquetByteArrays.LazyBytes)
    {
        if (_reader is null)
        {
            throw new InvalidOperationException($"the file cannot be read: {Error}");
        }

        return GroupEnd(group) is { } end
            ? RecordFiles.ReadRowGroup(end.Open(_stream), null, 0, byColumns: true, cancellationToken)
            : RecordFiles.ReadRowGroup(_stream, _reader, group, byColumns: true, cancellationToken, lazyBytes);
    }

    /// <summary>
    /// For a file with nested columns, the end that makes it a file of row group <paramref name="group"/> alone (read
    /// with one small footer instead of the whole); null for a flat file, or a footer this cannot split.
    /// </summary>
    public ParquetGroupEnd? GroupEnd(int group) => _footer is { } footer ? new ParquetGroupEnd(_dataEnd, footer.ForGroup(group, Groups[group])) : null;

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}

/// <summary>
/// The end that makes a Parquet file a file of one of its row groups: its footer cut to that group
/// (<see cref="ParquetFooter.ForGroup"/>), put where the file's footer starts (<paramref name="DataEnd"/>).
/// </summary>
internal sealed record ParquetGroupEnd(long DataEnd, byte[] End)
{
    /// <summary>The file in <paramref name="file"/> with this end, as a stream; disposing it leaves the file open.</summary>
    public Stream Open(Stream file) => new ParquetGroupStream(file, DataEnd, End);
}
