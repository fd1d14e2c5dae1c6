using Build.Parameters;
using Build.Targets;

namespace Build.Workflows;

/// <summary>
/// The build host's names as the workflows use them, looked up in <see cref="BuildTargets.All"/> and
/// <see cref="ParameterDefinitions"/>: renaming a target or an option changes the generated files, and a target the
/// host no longer has stops the generator.
/// </summary>
internal static class HostCommand
{
    public const string Script = "./build.sh";

    /// <summary>Where build.sh builds the host, the trajbuild CLI beside it: the workflows run <c>trajbuild show</c> from there.</summary>
    public const string HostFolder = "build/bin/host";

    public static string Build => Target("Build");

    public static string Plan => Target("Plan");

    /// <summary>The default target, the last stage: it builds the packaged corpora.</summary>
    public static string Package => Target(BuildTargets.Default);

    /// <summary>The targets a build leg can run with <c>--shard</c>: Build (every stage) and each stage target.</summary>
    public static IReadOnlyList<string> ShardableTargets => [Build, .. Stages.All.Select(Target)];

    /// <summary><c>./build.sh Target --option ...</c>.</summary>
    public static string Run(string target, params string[] arguments) =>
        string.Join(' ', [Script, Target(target), .. arguments]);

    /// <summary>The name of <paramref name="name"/> in <see cref="BuildTargets.All"/>, or an error when the host has no such target.</summary>
    public static string Target(string name) =>
        BuildTargets.All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))?.Name
        ?? throw new InvalidOperationException($"the workflows run ./build.sh {name}, and the build host has no target {name}");

    public static string EnvironmentVariable(ParameterDefinition parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.EnvironmentVariable ?? throw new InvalidOperationException($"{parameter.Option} has no environment variable");
    }
}
