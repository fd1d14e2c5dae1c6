using System.Buffers;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>What converting an <see cref="ImportUnit"/> gave: normalized JSON Lines and one entry per record, in order.</summary>
internal sealed class UnitOutput : IDisposable
{
    private readonly Utf8JsonWriter _json;

    public UnitOutput(ImportUnit unit, ImportSource? source, int capacity)
    {
        Unit = unit;
        Source = source;
        Bytes = new PooledBufferWriter(capacity);
        _json = new Utf8JsonWriter(Bytes, TrajectoryWriter.Options);
    }

    public ImportUnit Unit { get; }

    public ImportSource? Source { get; set; }

    /// <summary>The JSON Lines written; its array goes back to the pool on <see cref="Dispose"/>.</summary>
    public PooledBufferWriter Bytes { get; }

    public List<OutputEntry> Entries { get; } = [];

    /// <summary>Adds one record's results (all trajectories, or one quarantine) as an entry.</summary>
    public void Add(string position, bool checkVersion, string? version, IEnumerable<ImportResult> results, Func<Trajectory, Trajectory> assignId)
    {
        var start = Bytes.WrittenCount;
        var count = 0;
        Quarantined? quarantine = null;
        foreach (var result in results)
        {
            if (result is Imported imported)
            {
                TrajectoryWriter.Write(_json, assignId(imported.Trajectory));
                _json.Flush();
                _json.Reset();
                Bytes.Write("\n"u8);
                count++;
            }
            else
            {
                quarantine = (Quarantined)result;
            }
        }

        Entries.Add(new OutputEntry(position, checkVersion, version, start, Bytes.WrittenCount, count, quarantine));
    }

    public void Clear()
    {
        Bytes.ResetWrittenCount();
        Entries.Clear();
    }

    public void Dispose()
    {
        _json.Dispose();
        Bytes.Dispose();
    }
}
