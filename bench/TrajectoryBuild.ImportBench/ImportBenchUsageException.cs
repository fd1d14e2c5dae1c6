namespace TrajectoryBuild.ImportBench;

/// <summary>A bad command line: exit code 2.</summary>
internal sealed class ImportBenchUsageException(string message) : Exception(message);
