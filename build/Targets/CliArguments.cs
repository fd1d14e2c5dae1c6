using System.Globalization;
using Build.Parameters;

namespace Build.Targets;

/// <summary>The trajbuild arguments each dataset target passes to CliApp.</summary>
internal static class CliArguments
{
    public static IReadOnlyList<string> Plan(BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new List<string> { "plan", "--manifest", parameters.Manifest };
        AddIf(args, parameters.Explain, "--explain");
        AddIf(args, parameters.Json, "--json");
        if (parameters.Matrix)
        {
            args.AddRange(["--matrix", "--max-shards", parameters.MaxShards.ToString(CultureInfo.InvariantCulture)]);
        }

        AddValue(args, "--cache-url", parameters.CacheUrl);
        AddValue(args, "--stage", parameters.Stage);
        AddDatasets(args, parameters.Dataset);
        return args;
    }

    /// <summary><c>trajbuild build</c> of every stage up to <paramref name="stage"/> (null: every stage).</summary>
    public static IReadOnlyList<string> Build(string? stage, BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new List<string> { "build", "--manifest", parameters.Manifest };
        AddValue(args, "--stage", stage);
        args.AddRange(["--jobs", parameters.Jobs.ToString(CultureInfo.InvariantCulture)]);
        AddIf(args, parameters.KeepGoing, "--keep-going");
        AddIf(args, parameters.DryRun, "--dry-run");
        AddDatasets(args, parameters.Dataset);
        AddIf(args, parameters.Force, "--force");
        AddValue(args, "--cache-url", parameters.CacheUrl);
        AddIf(args, parameters.CacheReadOnly, "--cache-read-only");
        AddValue(args, "--shard", parameters.Shard);
        AddValue(args, "--shard-timeout", parameters.ShardTimeout);
        return args;
    }

    public static IReadOnlyList<string> Release(BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new List<string> { "release", "--manifest", parameters.Manifest };
        if (parameters.Version is { } version)
        {
            args.AddRange(["--version", version]);
        }

        AddIf(args, parameters.DryRun, "--dry-run");
        return args;
    }

    // "a, b" gives --dataset a --dataset b.
    private static void AddDatasets(List<string> args, string? datasets)
    {
        foreach (var name in (datasets ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            args.AddRange(["--dataset", name]);
        }
    }

    private static void AddValue(List<string> args, string option, string? value)
    {
        if (value is not null)
        {
            args.AddRange([option, value]);
        }
    }

    private static void AddIf(List<string> args, bool condition, string flag)
    {
        if (condition)
        {
            args.Add(flag);
        }
    }
}
