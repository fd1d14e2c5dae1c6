namespace TrajectoryBuild.MacroBench.Runs;

/// <summary>One whole-process run: its exit code, wall time, peak resident memory and output.</summary>
internal sealed record ProcessRun(int ExitCode, double Seconds, long PeakKib, string Stdout, string Stderr)
{
    public double PeakMb => PeakKib / 1024.0;
}
