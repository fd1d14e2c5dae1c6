namespace TrajectoryBuild.Agents;

/// <summary>One command's end: exit code (137 when killed), its output (stdout and stderr interleaved, capped), whether it timed out, how long it took.</summary>
internal sealed record SandboxResult(int ExitCode, string Output, bool TimedOut, TimeSpan Duration);
