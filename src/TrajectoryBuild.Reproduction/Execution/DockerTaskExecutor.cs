using TrajectoryBuild.Containers;
using TrajectoryBuild.Reproduction.Grading;

namespace TrajectoryBuild.Reproduction.Execution;

/// <summary>
/// Runs a task in fresh containers of its task image: network none, the environment's limits and timeout, no
/// privileges, as the unprivileged test user, with only the patches copied in (the host is never mounted). A run whose
/// output passes the limit is stopped there: a log cut short cannot be graded anyway.
/// </summary>
internal sealed class DockerTaskExecutor : ITaskExecutor
{
    private readonly ContainerRunner _runner;
    private readonly TaskEnvironment _environment;

    private DockerTaskExecutor(DockerEngine engine, TaskEnvironment environment, string image)
    {
        _runner = new ContainerRunner(engine);
        _environment = environment;
        Image = image;
    }

    public string Name => Executors.Docker;

    public bool Hermetic => true;

    public string? Image { get; }

    // The repository, and HOME (/tmp) with the other temporary folders.
    public IReadOnlyCollection<string> Workspaces { get; } = [TaskImages.Testbed, "/tmp", "/var/tmp", "/dev/shm"];

    /// <summary>
    /// Ensures the task's env and task images (built once, reused by name) and returns an executor on the task image,
    /// or the failure of the task's own setup or install script.
    /// </summary>
    public static async Task<(DockerTaskExecutor? Executor, PrepareFailure? Failure)> PrepareAsync(
        DockerEngine engine, EnvironmentImage environmentImage, TaskEnvironment environment, string checkoutFolder, string tree,
        string lockRoot, Action<string> progress, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environmentImage);
        ArgumentNullException.ThrowIfNull(environment);
        var layers = new ImageLayers(engine, lockRoot);
        var env = TaskImages.Env(environmentImage.BaseImage, environmentImage.RootfsSha256, environment.Setup, environment.Limits);
        try
        {
            await layers.EnsureAsync(env, progress, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageLayerException exception)
        {
            return (null, new PrepareFailure(RejectionReasons.SetupFailed, $"{exception.Message}; last lines:\n{exception.Tail}"));
        }

        var task = TaskImages.Task(env.ImageName, checkoutFolder, tree, environment.Install, environment.Limits, environment.Timeout);
        try
        {
            await layers.EnsureAsync(task, progress, log, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageLayerException exception)
        {
            return (null, new PrepareFailure(RejectionReasons.InstallFailed, $"{exception.Message}; last lines:\n{exception.Tail}"));
        }

        return (new DockerTaskExecutor(engine, environment, task.ImageName), null);
    }

    public async Task<ContainerResult> RunAsync(string testPatch, string? goldPatch, CancellationToken cancellationToken)
    {
        var inbox = Directory.CreateTempSubdirectory("trajbuild-run-");
        try
        {
            await TestScript.WritePatchesAsync(inbox.FullName, testPatch, goldPatch, cancellationToken).ConfigureAwait(false);
            var script = TestScript.For(TaskImages.Testbed, "/trajbuild", testPatch.Length > 0, goldPatch is { Length: > 0 }, _environment.TestCommand);
            var spec = new ContainerSpec(Image!, ["bash", "-c", script])
            {
                User = TaskImages.TestUser,
                WorkingDirectory = TaskImages.Testbed,
                CopyIn = [new ContainerCopy(inbox.FullName, "/trajbuild")],
                Limits = _environment.Limits,
                Timeout = _environment.Timeout,
                StopAtOutputLimit = true,
                Environment = new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["HOME"] = "/tmp" },
            };
            return await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inbox.Delete(recursive: true);
        }
    }
}

/// <summary>What the Environment target recorded for the docker executor: the base image and its root filesystem digest.</summary>
internal sealed record EnvironmentImage(string BaseImage, string RootfsSha256);
