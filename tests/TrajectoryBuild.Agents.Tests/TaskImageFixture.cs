using System.Collections.Concurrent;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Containers.Tests;
using TrajectoryBuild.Reproduction.Execution;

[assembly: AssemblyFixture(typeof(TrajectoryBuild.Agents.Tests.TaskImageFixture))]

namespace TrajectoryBuild.Agents.Tests;

/// <summary>
/// Real task images of the demo tasks, built as stage 2 builds them: the base image (debootstrap, cached by the
/// engine), the env layer, and the task layer with the repository at its base commit in /testbed. Each is named by
/// its content hash, so later runs reuse them.
/// </summary>
public sealed class TaskImageFixture : IDisposable
{
    private readonly Lazy<DockerEngine> _engine = new(DockerEngine.FromEnvironment);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _images = new(StringComparer.Ordinal);
    private readonly string _work = Directory.CreateTempSubdirectory("trajbuild-agent-images-").FullName;

    internal static BaseImageSpec Base { get; } = new("bookworm", ["python3", "python3-pytest", "git", "patch"],
        Environment.GetEnvironmentVariable("TRAJBUILD_DEBIAN_MIRROR") is { Length: > 0 } mirror ? mirror : BaseImageSpec.DefaultMirror);

    internal DockerEngine Engine => _engine.Value;

    /// <summary>The task image of <paramref name="instanceId"/>, after checking that Docker answers (skips or fails the test otherwise).</summary>
    internal async Task<string> ImageAsync(string instanceId)
    {
        await Requires.DockerAsync();
        return await _images.GetOrAdd(instanceId, id => new Lazy<Task<string>>(() => BuildAsync(id))).Value;
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }

        Directory.Delete(_work, recursive: true);
    }

    private async Task<string> BuildAsync(string instanceId)
    {
        void Progress(string line) => Console.Error.WriteLine($"[task image] {line}");
        await new BaseImage(Engine).EnsureAsync(Base, Progress, CancellationToken.None);
        var inspected = await Engine.FindImageAsync(Base.ImageName, CancellationToken.None) ?? throw new InvalidOperationException($"no {Base.ImageName}");
        var rootfs = inspected.Config?.Labels?["trajbuild.rootfs.sha256"] ?? throw new InvalidOperationException($"{Base.ImageName} has no rootfs label");
        var layers = new ImageLayers(Engine, Path.Combine(_work, "locks"));
        var limits = new ContainerLimits();
        var env = TaskImages.Env(Base.ImageName, rootfs, [], limits);
        await layers.EnsureAsync(env, Progress, TextWriter.Null, CancellationToken.None);

        var row = DemoTasks.Row(instanceId);
        var checkout = DemoTasks.Checkout(row, Path.Combine(_work, instanceId));
        var tree = DemoTasks.Git(checkout, "rev-parse", "HEAD^{tree}").Trim();
        var task = TaskImages.Task(env.ImageName, checkout, tree, [], limits, TimeSpan.FromMinutes(10));
        await layers.EnsureAsync(task, Progress, TextWriter.Null, CancellationToken.None);
        return task.ImageName;
    }
}
