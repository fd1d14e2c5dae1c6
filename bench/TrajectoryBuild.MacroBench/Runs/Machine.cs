using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.MacroBench.Runs;

/// <summary>What a result was measured on: cores, memory, OS, runtime, and the load averages (the machine may be shared).</summary>
internal static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    public static double MemoryGib => Meminfo("MemTotal:") / 1024.0 / 1024.0;

    /// <summary>
    /// Memory the kernel has free now, in MB (0 where /proc/meminfo is missing): not the page cache, which it must first
    /// reclaim before writing a large output, and that shows in a write-bound benchmark's time.
    /// </summary>
    public static double MemoryFreeMb => Meminfo("MemFree:") / 1024.0;

    public static string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Cores} cores, {MemoryGib:F0} GiB");

    /// <summary>The 1-, 5- and 15-minute load averages, from /proc/loadavg (empty where there is none).</summary>
    public static double[] LoadAverages()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path)
            ? [.. File.ReadAllText(path).Split(' ').Take(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture))]
            : [];
    }

    public static JsonObject ToJson() => new()
    {
        ["cores"] = Cores,
        ["memory_gib"] = Math.Round(MemoryGib, 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };

    private static long Meminfo(string field)
    {
        const string path = "/proc/meminfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line[field.Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}
