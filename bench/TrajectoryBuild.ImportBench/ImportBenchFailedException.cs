namespace TrajectoryBuild.ImportBench;

/// <summary>The benchmark cannot run, or a run did not do its work (a child failed, records were quarantined): exit code 1.</summary>
internal sealed class ImportBenchFailedException(string message) : Exception(message);
