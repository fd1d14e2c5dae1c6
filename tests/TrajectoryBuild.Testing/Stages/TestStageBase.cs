using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Testing.Stages;

/// <summary>Common behaviour of the engine's test stages (see <see cref="TestStageOptions"/>).</summary>
public abstract class TestStageBase(TestStageOptions options) : IStage
{
    public abstract string Name { get; }

    public int Version => options.Version;

    public virtual StageRole Role => StageRole.Produce;

    public abstract StagePlan Plan(PlanContext context);

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.StepDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.StepDelay, cancellationToken).ConfigureAwait(false);
        }

        if (options.FailTarget == context.Target.Id)
        {
            throw new InvalidOperationException($"injected failure in {context.Target.Id}");
        }

        if (options.TraceDirectory is { Length: > 0 } trace)
        {
            // .NET appends by seeking to the end, not with O_APPEND: two writers at once (two jobs, two processes) could
            // overwrite each other's line, so each append holds a lock.
            Directory.CreateDirectory(trace);
            await using (await CrossProcessLock.AcquireAsync(Path.Combine(trace, "executed.lock"), cancellationToken).ConfigureAwait(false))
            {
                await File.AppendAllTextAsync(Path.Combine(trace, "executed.txt"), context.Target.Id + "\n", cancellationToken).ConfigureAwait(false);
            }
        }

        await context.Log.WriteLineAsync($"building {context.Target.Id}").ConfigureAwait(false);
        await BuildAsync(context, cancellationToken).ConfigureAwait(false);
        if (options.PaddingBytes > 0)
        {
            // Distinct per target (no two targets share the blob) and identical in every build.
            var seed = Digest.Of(System.Text.Encoding.UTF8.GetBytes(context.Target.Id));
            var padding = new byte[options.PaddingBytes];
            for (var i = 0; i < padding.Length; i++)
            {
                padding[i] = (byte)seed[i % seed.Length];
            }

            await File.WriteAllBytesAsync(Path.Combine(context.OutputDirectory, "padding.bin"), padding, cancellationToken).ConfigureAwait(false);
        }
    }

    protected abstract Task BuildAsync(TargetContext context, CancellationToken cancellationToken);

    /// <summary>Every inline task of every source: (source name, task object).</summary>
    protected static IEnumerable<(string Source, JsonObject Task)> InlineTasks(PlanContext context)
    {
        foreach (var (source, section) in (context.Manifest.Root["sources"] as JsonObject ?? []).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            foreach (var task in section?["tasks"] as JsonArray ?? [])
            {
                yield return (source, (JsonObject)task!);
            }
        }
    }

    /// <summary>Sources whose Collect target is built, with their task ids; the rest are reported as awaited.</summary>
    protected static (List<(string Source, string TaskId)> Tasks, List<string> Awaited) CollectedTasks(PlanContext context)
    {
        var tasks = new List<(string, string)>();
        var awaited = new List<string>();
        foreach (var source in (context.Manifest.Root["sources"] as JsonObject ?? []).Select(s => s.Key).Order(StringComparer.Ordinal))
        {
            var outputs = context.OutputsOf($"Collect/{source}");
            if (outputs is null)
            {
                awaited.Add($"Collect/{source}");
                continue;
            }

            tasks.AddRange(outputs.Files.Keys.Where(f => f.StartsWith("tasks/", StringComparison.Ordinal))
                .Select(f => (source, f["tasks/".Length..^".json".Length])));
        }

        return (tasks, awaited);
    }

    protected static string DigestOf(JsonNode? node) => Digest.Of(CanonicalJson.SerializeToUtf8(node));
}
