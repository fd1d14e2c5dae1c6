namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The in-order end of <see cref="ImportRunner"/>: writes each unit's JSON Lines and reports its quarantines, checking
/// (as <see cref="RecordImporter"/> does) that the records of one file agree on their version.
/// </summary>
internal sealed class OrderedWriter(ImportRun run)
{
    private int _file = -1;
    private VersionCheck _versions = new();

    /// <summary>Writes one unit's output; returns the trajectories written and the records quarantined.</summary>
    public async ValueTask<(long Trajectories, long Quarantined)> WriteAsync(UnitOutput output, CancellationToken cancellationToken)
    {
        if (output.Unit.FileIndex != _file)
        {
            (_file, _versions) = (output.Unit.FileIndex, new VersionCheck());
        }

        return await WriteEntriesAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<(long Trajectories, long Quarantined)> WriteEntriesAsync(UnitOutput output, CancellationToken cancellationToken)
    {
        long trajectories = 0, quarantined = 0;
        var bytes = output.Bytes.WrittenMemory;
        var pending = 0;
        foreach (var entry in output.Entries)
        {
            var quarantine = entry.CheckVersion ? _versions.Mismatch(entry.Version, output.Source!, entry.Position) : null;
            quarantine ??= entry.Quarantine;
            if (quarantine is null)
            {
                trajectories += entry.Trajectories;
                continue;
            }

            // Write what came before this record, then report it; its own bytes (if any) are dropped.
            await WriteAsync(bytes[pending..entry.Start], cancellationToken).ConfigureAwait(false);
            pending = entry.End;
            quarantined++;
            await run.Quarantine(quarantine, cancellationToken).ConfigureAwait(false);
        }

        await WriteAsync(bytes[pending..], cancellationToken).ConfigureAwait(false);
        return (trajectories, quarantined);
    }

    private ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        bytes.IsEmpty ? ValueTask.CompletedTask : run.WriteOutput(bytes, cancellationToken);
}
