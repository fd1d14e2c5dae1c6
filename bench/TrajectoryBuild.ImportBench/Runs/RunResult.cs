namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>One timed run over a list of files, as a child process reports it on its last output line (JSON).</summary>
/// <param name="Bytes">Input bytes read.</param>
/// <param name="Records">Trajectories written (trajbuild) or records loaded and dumped (python).</param>
/// <param name="Quarantined">Records the importer set aside (0 on the generated corpus, else the run fails).</param>
/// <param name="Seconds">Wall time of the work, without process start-up.</param>
/// <param name="PeakKib">Peak resident set (VmHWM or ru_maxrss), KiB.</param>
/// <param name="AllocatedMb">Managed bytes allocated (trajbuild only).</param>
/// <param name="FirstQuarantine">The first quarantine reason, when there is one.</param>
internal sealed record RunResult(long Bytes, int Records, int Quarantined, double Seconds, long PeakKib, double AllocatedMb = 0, string? FirstQuarantine = null)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Seconds;

    public double PeakMb => PeakKib / 1024.0;
}
