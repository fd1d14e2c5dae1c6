using TrajectoryBuild.Containers;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// Gets a task ready to run, the same way for every stage that runs one (Reproduce, Rollout, Evaluate): its checkout at
/// the base commit, and an executor, docker (env and task images ensured, built once and reused by name) or local, as
/// the Environment target chose. The target must declare the checkout and the environment's image file upstream.
/// </summary>
internal static class TaskPreparation
{
    public static async Task<(PreparedTask? Task, PrepareFailure? Failure)> PrepareAsync(
        TargetContext context, TaskEnvironment environment, string checkoutTarget, CancellationToken cancellationToken)
    {
        var (checkout, folder) = await CheckoutAsync(context, checkoutTarget, cancellationToken).ConfigureAwait(false);
        return await PrepareAsync(context, environment, checkout, folder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same, for a caller that already holds the checkout (from <see cref="CheckoutAsync"/>).</summary>
    public static async Task<(PreparedTask? Task, PrepareFailure? Failure)> PrepareAsync(
        TargetContext context, TaskEnvironment environment, CheckoutRecord checkout, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(checkout);
        var (executorName, image) = EnvironmentStage.ReadOutput(context.Upstream(EnvironmentStage.Target(environment.Name)).ReadAllText(EnvironmentStage.ImageFile));
        if (executorName != Executors.Docker)
        {
            await context.Log.WriteLineAsync($"local executor: {LocalTaskExecutor.Isolation}; not hermetic").ConfigureAwait(false);
            return (new PreparedTask(new LocalTaskExecutor(environment, folder), null, folder, checkout), null);
        }

        // The engine is held until the task is disposed; any engine of the pool can run any task, since the base image
        // the Environment target recorded is put there first (env and task layers are built by name where missing).
        var pool = EnginePool.Shared;
        var lease = await pool.LeaseAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var engine = lease.Engine;
            await engine.PingAsync(cancellationToken).ConfigureAwait(false);
            var lockRoot = Path.Combine(context.StateDirectory, "images");
            await new BaseImage(engine, lockRoot).EnsureRecordedAsync(environment.Base, image!.RootfsSha256, pool.Others(lease.Endpoint), context.ReportProgress, cancellationToken).ConfigureAwait(false);
            var (prepared, failure) = await DockerTaskExecutor.PrepareAsync(
                engine, image, environment, folder, checkout.Tree!, lockRoot, context.ReportProgress, context.Log, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                lease.Dispose();
                return (null, failure);
            }

            return (new PreparedTask(prepared!, lease, folder, checkout), null);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The task's checkout record and its folder at the base commit (history-stripped; do not change it).</summary>
    public static async Task<(CheckoutRecord Checkout, string Folder)> CheckoutAsync(TargetContext context, string checkoutTarget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checkout = CheckoutRecord.Parse(context.Upstream(checkoutTarget).ReadAllText(CheckoutRecord.FileName));
        return (checkout, await CloneStage.CheckoutFolderAsync(context, checkout, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>
/// A task ready to run: its executor, the engine lease behind it (docker), and its checkout at the base commit.
/// Disposing it gives the engine back to the pool.
/// </summary>
internal sealed record PreparedTask(ITaskExecutor Executor, EngineLease? Lease, string CheckoutFolder, CheckoutRecord Checkout) : IDisposable
{
    public DockerEngine? Engine => Lease?.Engine;

    public void Dispose() => Lease?.Dispose();
}
