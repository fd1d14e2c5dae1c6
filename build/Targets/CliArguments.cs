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
        if (parameters.Stage is { } stage)
        {
            args.AddRange(["--stage", stage]);
        }

        return args;
    }

    public static IReadOnlyList<string> Build(string stage, BuildParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new List<string>
        {
            "build", "--manifest", parameters.Manifest, "--stage", stage,
            "--jobs", parameters.Jobs.ToString(CultureInfo.InvariantCulture),
        };
        AddIf(args, parameters.KeepGoing, "--keep-going");
        AddIf(args, parameters.DryRun, "--dry-run");
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

    private static void AddIf(List<string> args, bool condition, string flag)
    {
        if (condition)
        {
            args.Add(flag);
        }
    }
}
