using System.Text.Json.Nodes;
using TrajectoryBuild.Containers;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// Stage 2a: one target per environment a dataset uses. With Docker: its base image, bootstrapped from a Debian root
/// filesystem (no registry needed) and named by the hash of its suite and packages, and its env image (base + setup
/// script + the test user), named by the hash of its inputs. The output names both images and the digest of the base's
/// root filesystem tar, which is byte-reproducible, so task keys do not depend on the machine's image ids. Without
/// Docker (<c>executor: local</c>, or <c>auto</c> with no engine answering) the output says the environment runs on
/// the host, not hermetically. The executor is chosen at plan time, so a machine that gains Docker re-runs stage 2.
/// </summary>
internal sealed class EnvironmentStage : IStage, IPlanInputs
{
    public const string StageName = "Environment";
    public const string ImageFile = "image.json";

    public string Name => StageName;

    public int Version => 2;

    public StageRole Role => StageRole.Produce;

    public static string Target(string environment) => $"{StageName}/{environment}";

    /// <summary>The environments some dataset uses: its `environments` list, or every environment when it has none.</summary>
    public static IReadOnlyList<string> Used(TrajectoryBuild.Manifest.ManifestDocument manifest, JsonObject dataset)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var all = (manifest.Root["environments"] as JsonObject ?? []).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        return dataset["environments"] is JsonArray listed ? listed.Select(e => e!.GetValue<string>()).ToList() : all;
    }

    /// <summary>Reads an Environment target's output: the executor, and for docker the base image and its rootfs digest.</summary>
    public static (string Executor, EnvironmentImage? Image) ReadOutput(string text)
    {
        var json = JsonNode.Parse(text)!;
        var executor = json["executor"]!.GetValue<string>();
        return executor == Executors.Docker
            ? (executor, new EnvironmentImage(json["base_image"]!.GetValue<string>(), json["rootfs_sha256"]!.GetValue<string>()))
            : (executor, null);
    }

    /// <summary>The executor each used environment resolves to: <c>auto</c> depends on whether an engine answers now.</summary>
    public void DescribePlanInputs(TrajectoryBuild.Manifest.ManifestDocument manifest, PlanInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var name in UsedByDatasets(manifest))
        {
            var spec = EnvironmentSpec.From(name, manifest.Root["environments"]![name]!.AsObject());
            inputs.Fact($"executor:{name}", DockerProbe.Resolve(spec.Executor));
        }
    }

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        foreach (var name in UsedByDatasets(context.Manifest))
        {
            var section = context.Manifest.Root["environments"]![name]!.AsObject();
            var spec = EnvironmentSpec.From(name, section);
            var executor = DockerProbe.Resolve(spec.Executor);
            plan.Add(new TargetSpec(Name, name)
            {
                Params = new JsonObject
                {
                    ["executor"] = executor,
                    ["suite"] = spec.Base.Suite,
                    ["packages"] = new JsonArray(spec.Base.Packages.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
                    ["setup"] = new JsonArray(spec.Setup.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
                },
                Locals = (spec, executor),
            });
        }

        return plan;
    }

    private static IEnumerable<string> UsedByDatasets(TrajectoryBuild.Manifest.ManifestDocument manifest) =>
        (manifest.Root["datasets"] as JsonObject ?? [])
            .SelectMany(d => Used(manifest, d.Value as JsonObject ?? []))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (spec, executor) = ((EnvironmentSpec, string))context.Target.Locals!;
        if (executor == Executors.Local)
        {
            var local = new JsonObject
            {
                ["executor"] = Executors.Local,
                ["hermetic"] = false,
                ["suite"] = spec.Base.Suite,
                ["note"] = $"runs on the host with its own toolchain, not in a container; Debian packages {string.Join(' ', spec.Base.Packages)} are expected on the host",
            };
            await context.WriteOutputAsync(ImageFile, CanonicalJson.Serialize(local) + "\n", cancellationToken).ConfigureAwait(false);
            await context.Log.WriteLineAsync($"{spec.Name}: local executor ({LocalTaskExecutor.Isolation}); not hermetic").ConfigureAwait(false);
            return;
        }

        // An engine of the pool, held while its images are built; any engine yields the same images by name.
        using var lease = await EnginePool.Shared.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var engine = lease.Engine;
        await engine.PingAsync(cancellationToken).ConfigureAwait(false);
        var images = new BaseImage(engine, Path.Combine(context.StateDirectory, "images"));
        await images.EnsureAsync(spec.Base, context.ReportProgress, cancellationToken).ConfigureAwait(false);
        var inspected = await engine.Client.Images.InspectImageAsync(spec.Base.ImageName, cancellationToken).ConfigureAwait(false);
        var rootfs = BaseImage.RootfsDigest(inspected)
            ?? throw new InvalidOperationException($"image {spec.Base.ImageName} has no {BaseImage.RootfsLabel} label; remove it (docker rmi) so it is rebuilt");

        // The environment's own env layer is built here, once; tasks whose install_config adds setup lines get their own.
        var env = TaskImages.Env(spec.Base.ImageName, rootfs, spec.Setup, spec.Limits);
        try
        {
            await new ImageLayers(engine, Path.Combine(context.StateDirectory, "images")).EnsureAsync(env, context.ReportProgress, context.Log, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageLayerException exception)
        {
            throw new InvalidOperationException($"environment {spec.Name}: the setup script failed ({exception.Message}); fix 'environments.{spec.Name}.setup'. Last lines:\n{exception.Tail}", exception);
        }

        var image = new JsonObject
        {
            ["executor"] = Executors.Docker,
            ["hermetic"] = true,
            ["base_image"] = spec.Base.ImageName,
            ["rootfs_sha256"] = rootfs,
            ["env_image"] = env.ImageName,
            ["suite"] = spec.Base.Suite,
        };
        await context.WriteOutputAsync(ImageFile, CanonicalJson.Serialize(image) + "\n", cancellationToken).ConfigureAwait(false);
        await context.Log.WriteLineAsync($"{spec.Base.ImageName}: rootfs sha256:{rootfs}; {env.ImageName}").ConfigureAwait(false);
    }
}
