namespace TrajectoryBuild.Testing;

/// <summary>The file system's clock, which moves in ticks of a few milliseconds (the kernel's coarse time).</summary>
public static class FileClock
{
    /// <summary>Waits until a file written now gets a later modification time than any file written before the call.</summary>
    public static void WaitForNextTick()
    {
        var probe = Path.Combine(Path.GetTempPath(), $"trajbuild-clock-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, string.Empty);
            var first = File.GetLastWriteTimeUtc(probe);
            while (File.GetLastWriteTimeUtc(probe) == first)
            {
                Thread.Sleep(2);
                File.WriteAllText(probe, string.Empty);
            }
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
