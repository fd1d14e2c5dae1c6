namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The texts of one Parquet row's JSON-string columns that its importer parses as JSON
/// (<see cref="RecordImporter.EmbeddedColumns"/>), kept as their pages hold them. The row's JSON holds an empty
/// string in each one's place, and <see cref="EmbeddedJson.Parse"/>, given that very string while the texts are in use
/// (<see cref="Use"/>), parses the page's bytes instead. This skips escaping a long text into the row, reading it again
/// and unescaping it: about a quarter of the CPU of a Hugging Face row whose messages are a JSON string
/// (docs/benchmarks.md, stages 3-4). Only valid UTF-8 is kept so: its bytes are exactly the unescaped string's.
/// </summary>
internal sealed class EmbeddedTexts
{
    [ThreadStatic]
    private static EmbeddedTexts? s_current;

    // Each kept text: where its placeholder is in the row's JSON, and the column and row whose bytes it is.
    private readonly List<(int Offset, ParquetByteArrays Column, int Row)> _texts = [];
    private ReadOnlyMemory<byte> _row;

    public EmbeddedTexts(IReadOnlySet<string> columns)
    {
        Columns = columns;
    }

    /// <summary>The names of the columns whose texts are kept out of the row.</summary>
    public IReadOnlySet<string> Columns { get; }

    /// <summary>How many texts the current row kept out.</summary>
    public int Count => _texts.Count;

    /// <summary>
    /// Keeps the text of row <paramref name="row"/> of <paramref name="column"/> (not null) for the placeholder string
    /// written at byte <paramref name="offset"/> of the row's JSON; its page is held until <see cref="Release"/>.
    /// </summary>
    public void Add(int offset, ParquetByteArrays column, int row) => _texts.Add((offset, column, row));

    /// <summary>Sets the row's JSON, which holds the placeholders at the offsets given to <see cref="Add"/>.</summary>
    public void SetRow(ReadOnlyMemory<byte> row) => _row = row;

    /// <summary>Lets the row's texts go (their pages may go back to the pool): call once the row is converted.</summary>
    public void Release()
    {
        foreach (var (_, column, row) in _texts)
        {
            column.RowDone(row);
        }

        _texts.Clear();
        _row = default;
    }

    /// <summary>Makes <paramref name="texts"/> the ones <see cref="TryFind"/> answers from on this thread, until disposed.</summary>
    public static Scope Use(EmbeddedTexts? texts)
    {
        var previous = s_current;
        s_current = texts;
        return new Scope(previous);
    }

    /// <summary>
    /// The text kept for the placeholder whose raw JSON (quotes included) is <paramref name="raw"/>: found only when
    /// <paramref name="raw"/> is that very placeholder in the row's JSON, never by its content.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> raw, out ReadOnlyMemory<byte> text)
    {
        text = default;
        if (s_current is not { } current || raw.Length != 2 || !current._row.Span.Overlaps(raw, out var offset))
        {
            return false;
        }

        foreach (var (at, column, row) in current._texts)
        {
            if (at == offset)
            {
                text = column.Memory(row);
                return true;
            }
        }

        return false;
    }

    /// <summary>Restores the texts in use before <see cref="Use"/>.</summary>
    public readonly struct Scope(EmbeddedTexts? previous) : IDisposable
    {
        public void Dispose() => s_current = previous;
    }
}
