using System.Collections.ObjectModel;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Stages;

/// <summary>
/// One unit of work of a stage, with everything its key is made of. Facts and inputs not given are one shared empty
/// map: a plan of 100,000 tasks declares 400,002 targets, most of them with one of the two empty.
/// </summary>
/// <param name="Stage">The stage name.</param>
/// <param name="Unit">The unit within the stage (task id, trajectory id, dataset name ...); may contain '/'.</param>
public sealed record TargetSpec(string Stage, string Unit)
{
    // Made once: a plan looks a target up by its id a dozen times, and a large plan has hundreds of thousands.
    private string _id = $"{Stage}/{Unit}";

    /// <summary>The stage name.</summary>
    public string Stage
    {
        get;
        init
        {
            field = value;
            _id = $"{value}/{Unit}";
        }
    } = Stage;

    /// <summary>The unit within the stage (task id, trajectory id, dataset name ...); may contain '/'.</summary>
    public string Unit
    {
        get;
        init
        {
            field = value;
            _id = $"{Stage}/{value}";
        }
    } = Unit;

    /// <summary><c>Stage/Unit</c>.</summary>
    public string Id => _id;

    /// <summary>Declared parameters (any JSON); part of the key.</summary>
    public JsonNode? Params { get; init; }

    /// <summary>External facts by name (see <see cref="FactNames"/>): commit sha, image digest, verifier digest.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Input contents by name, as digests (see <see cref="Keys.Digest"/>); the set of names is part of the key too.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The upstream outputs this target reads; their digests (never their keys) enter the key.</summary>
    public IReadOnlyList<UpstreamRef> Upstream { get; init; } = [];

    /// <summary>
    /// What a sharded build keeps on one leg (see <see cref="Scheduling.ShardSpec"/>): the task id for every target of a
    /// task's chain, so they run on the engine that already holds the task's image; by default the unit itself. Like
    /// <see cref="Locals"/>, it is not part of the key.
    /// </summary>
    public string WorkUnit
    {
        get => _workUnit ?? Unit;
        init => _workUnit = value;
    }

    private readonly string? _workUnit;

    /// <summary>
    /// Data handed from planning to execution that is NOT part of the key, such as the absolute path of an input
    /// whose digest is in <see cref="Inputs"/>. Never put anything here that changes the outputs.
    /// </summary>
    public object? Locals { get; init; }
}
