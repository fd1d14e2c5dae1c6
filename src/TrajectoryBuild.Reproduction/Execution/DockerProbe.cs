using TrajectoryBuild.Containers;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Whether the Docker Engines answer, asked once per process (plans pick the executor of <c>executor: auto</c> by it):
/// every engine of the pool, or DOCKER_HOST's alone. None answering means no engine (the local executor); a pool that
/// answers only in part, a bad <c>TRAJBUILD_ENGINES</c> or a TLS mismatch stops the plan with what to fix.
/// </summary>
internal static class DockerProbe
{
    private static readonly Lazy<bool> s_reachable = new(() =>
    {
        try
        {
            var pool = EnginePool.Shared;
            var silent = pool.ProbeAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (silent.FirstOrDefault(s => s.Problem is EngineConfigurationException) is { Problem: { } misconfigured })
            {
                throw new StagePlanException(misconfigured.Message, misconfigured);
            }

            if (silent.Count > 0 && silent.Count < pool.Entries.Count)
            {
                throw new StagePlanException(
                    $"{EngineEntry.Variable}: {string.Join("; ", silent.Select(s => $"{EngineEntry.Describe(s.Endpoint)} does not answer ({s.Problem.GetBaseException().Message})"))}. Start the engine{(silent.Count == 1 ? string.Empty : "s")}, or take {(silent.Count == 1 ? "it" : "them")} off the list");
            }

            return silent.Count == 0;
        }
        catch (EngineConfigurationException exception)
        {
            throw new StagePlanException(exception.Message, exception);
        }
    });

    public static bool Reachable => s_reachable.Value;

    /// <summary>The executor an environment's <c>executor:</c> setting resolves to on this machine.</summary>
    public static string Resolve(string setting) => setting switch
    {
        Executors.Docker or Executors.Local => setting,
        _ => Reachable ? Executors.Docker : Executors.Local,
    };
}
