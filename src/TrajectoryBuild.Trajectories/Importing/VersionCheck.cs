namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>The records of one file must agree on their format version: the first record that says one sets it.</summary>
internal sealed class VersionCheck
{
    private string? _firstVersion;
    private string? _firstPosition;

    /// <summary>The quarantine for a record whose version differs from the file's first; null (and remembered, if first) otherwise.</summary>
    public Quarantined? Mismatch(string? version, ImportSource source, string position)
    {
        if (version is not null && _firstVersion is not null && version != _firstVersion)
        {
            return new Quarantined(source.RelativePath, position, $"mixed versions in one file: {_firstPosition} is {_firstVersion}, this record is {version}; split the file by version");
        }

        if (_firstVersion is null && version is not null)
        {
            (_firstVersion, _firstPosition) = (version, position);
        }

        return null;
    }
}
