namespace Build.Testing;

/// <summary>One row a reliability test recorded (tests/TrajectoryBuild.Testing/ReliabilityRecord.cs writes them).</summary>
internal sealed record ReliabilityRow(string Area, string Fault, int Cases, string Outcome, bool Passed, string Test);
