using System.Text.Json.Nodes;
using TrajectoryBuild.Mining.Tasks;

namespace TrajectoryBuild.Mining.Sources;

/// <summary>
/// Gathers a source's rows into tasks and rejections: filters first (a filtered row is reported as <c>filtered</c>,
/// however malformed it is), then the row parser, then an optional source-specific completion, then duplicate ids
/// (the first accepted row with an id keeps it).
/// </summary>
internal sealed class RowCollector(TaskRowParser parser, IReadOnlySet<string>? instanceIds = null, IReadOnlySet<string>? repos = null)
{
    private readonly List<TaskRecord> _tasks = [];
    private readonly List<Rejection> _rejections = [];
    private readonly Dictionary<string, string> _originById = new(StringComparer.Ordinal);
    private int _seen;

    /// <summary>A source-specific last step (a local source resolves the repository); may throw <see cref="RowRejectedException"/>.</summary>
    public Func<TaskRecord, JsonObject, TaskRecord>? Complete { get; set; }

    public void Add(JsonObject row, string origin)
    {
        if (RowJson.Unreadable(row) is { } unreadable)
        {
            Reject(origin, unreadable);
            return;
        }

        _seen++;
        if (FilteredOut(row) is { } why)
        {
            _rejections.Add(new Rejection(TaskRowParser.CandidateOf(row, origin), RejectionReasons.Filtered, $"{origin}: {why}"));
            return;
        }

        if (!parser.TryParse(row, origin, out var task, out var rejection))
        {
            _rejections.Add(rejection);
            return;
        }

        if (Complete is not null)
        {
            try
            {
                task = Complete(task, row);
            }
            catch (RowRejectedException e)
            {
                _rejections.Add(new Rejection(task.InstanceId, e.Reason, $"{origin}: {e.Message}"));
                return;
            }
        }

        if (!_originById.TryAdd(task.InstanceId, origin))
        {
            _rejections.Add(new Rejection(task.InstanceId, RejectionReasons.DuplicateId, $"{origin}: instance id '{task.InstanceId}' was already read at {_originById[task.InstanceId]}"));
            return;
        }

        _tasks.Add(task);
    }

    /// <summary>A candidate that is not even a row (bad JSON, invalid UTF-8, not an object).</summary>
    public void Reject(string origin, string detail)
    {
        _seen++;
        _rejections.Add(new Rejection(origin, RejectionReasons.Malformed, $"{origin}: {detail}"));
    }

    /// <summary>Parses <paramref name="text"/> as a row and adds it, or rejects it as malformed.</summary>
    public void AddText(string text, string origin)
    {
        if (!RowJson.TryParse(text, out var node, out var error))
        {
            Reject(origin, error);
        }
        else if (node is JsonObject row)
        {
            Add(row, origin);
        }
        else
        {
            Reject(origin, $"a row must be a JSON object, found {node.GetValueKind().ToString().ToLowerInvariant()}");
        }
    }

    public SourceReadResult ToResult(string snapshotDigest) => new(_tasks.ToList(), _rejections.ToList(), _seen, snapshotDigest);

    private string? FilteredOut(JsonObject row)
    {
        if (instanceIds is not null && TaskRowParser.StringOrNull(row, "instance_id") is { } id && !instanceIds.Contains(id))
        {
            return $"instance id '{id}' is not in the source's instance_ids filter";
        }

        if (repos is not null && TaskRowParser.StringOrNull(row, "repo") is { } repo && !repos.Contains(repo))
        {
            return $"repo '{repo}' is not in the source's repos filter";
        }

        return null;
    }
}
