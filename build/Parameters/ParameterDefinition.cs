using TrajectoryBuild.Scheduling;

namespace Build.Parameters;

/// <summary>One build parameter: `--name` on the command line, an environment variable, a default.</summary>
internal sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    string? EnvironmentVariable,
    string DefaultText,
    string Description)
{
    public string Option => $"--{Name}";

    public string TypeName => Type switch
    {
        ParameterType.Text => "string",
        ParameterType.PositiveInteger => "int",
        ParameterType.Boolean => "bool",
        ParameterType.Stage => "stage",
        ParameterType.Version => "semver",
        ParameterType.OptionalText => "string",
        ParameterType.Shard => "i/n",
        ParameterType.Suite => "suite",
        _ => throw new InvalidOperationException($"unknown parameter type {Type}"),
    };

    public string Expected => Type switch
    {
        ParameterType.PositiveInteger => "int (a whole number >= 1)",
        ParameterType.Boolean => "bool (true/false, 1/0, yes/no)",
        ParameterType.Stage => $"stage (one of {string.Join(", ", Stages.All)})",
        ParameterType.Version => "semver (a semantic version such as 1.2.0)",
        ParameterType.Suite => $"suite (one of {string.Join(", ", BenchSuites.All)})",
        ParameterType.Shard => $"i/n (this leg and the number of legs, 1 <= i <= n <= {ShardSpec.MaxCount}, e.g. 2/8)",
        _ => TypeName,
    };
}
