using System.Diagnostics;
using System.Globalization;

namespace TrajectoryBuild.ImportBench.Runs;

/// <summary>This process's peak resident set: VmHWM from /proc/self/status on Linux, else the peak working set.</summary>
internal static class PeakMemory
{
    public static long Kib()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024;
    }
}
