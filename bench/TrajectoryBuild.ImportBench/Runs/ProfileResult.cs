namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>
/// Cumulative passes over the same files, in seconds, each doing one more phase of the import than the one before it:
/// hashing alone; reading and JSON parsing (the importer's record reader); the importer (parse and convert); the importer
/// and serializing (to a null stream); the whole run writing to a file (hash included).
/// </summary>
internal sealed record ProfileResult(long Bytes, double Hash, double Parse, double Import, double Serialize, double Full)
{
    public double Convert => Math.Max(0, Import - Parse);

    public double Serializing => Math.Max(0, Serialize - Import);

    public double Writing => Math.Max(0, Full - Serialize - Hash);
}
