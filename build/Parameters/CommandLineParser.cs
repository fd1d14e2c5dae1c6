using System.Globalization;
using Build.Host;
using TrajectoryBuild.Packaging.Release;
using TrajectoryBuild.Scheduling;

namespace Build.Parameters;

/// <summary>
/// Splits the host's arguments into targets, parameters and switches, and resolves every parameter
/// (command line over environment over default), reporting every bad value at once as a usage error.
/// </summary>
internal static class CommandLineParser
{
    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var errors = new List<string>();
        var targets = new List<string>();
        var given = new Dictionary<ParameterDefinition, string>();
        bool help = false, plan = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                help = true;
            }
            else if (arg == "--plan")
            {
                plan = true;
            }
            else if (!arg.StartsWith('-'))
            {
                targets.Add(arg);
            }
            else if (ReadOption(args, ref i, errors) is { } option)
            {
                given[option.Definition] = option.Value;
            }
        }

        var values = ParameterDefinitions.All.ToDictionary(d => d, d => Resolve(d, given, getEnvironmentVariable, errors));
        if (errors.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine, errors));
        }

        var parameters = new BuildParameters(
            Configuration: (string)values[ParameterDefinitions.Configuration]!,
            Manifest: (string)values[ParameterDefinitions.Manifest]!,
            Jobs: (int)values[ParameterDefinitions.Jobs]!,
            KeepGoing: (bool)values[ParameterDefinitions.KeepGoing]!,
            Explain: (bool)values[ParameterDefinitions.Explain]!,
            Json: (bool)values[ParameterDefinitions.Json]!,
            Stage: (string?)values[ParameterDefinitions.Stage],
            DryRun: (bool)values[ParameterDefinitions.DryRun]!,
            Iterations: (int)values[ParameterDefinitions.Iterations]!,
            SizeMb: (int)values[ParameterDefinitions.SizeMb]!,
            Version: (string?)values[ParameterDefinitions.Version])
        {
            Dataset = (string?)values[ParameterDefinitions.Dataset],
            Force = (bool)values[ParameterDefinitions.Force]!,
            Shard = (string?)values[ParameterDefinitions.Shard],
            ShardTimeout = (string?)values[ParameterDefinitions.ShardTimeout],
            CacheUrl = (string?)values[ParameterDefinitions.CacheUrl],
            CacheReadOnly = (bool)values[ParameterDefinitions.CacheReadOnly]!,
            Matrix = (bool)values[ParameterDefinitions.Matrix]!,
            MaxShards = (int)values[ParameterDefinitions.MaxShards]!,
            Suite = (string)values[ParameterDefinitions.Suite]!,
        };
        return new CommandLine(targets, parameters, help, plan);
    }

    private static (ParameterDefinition Definition, string Value)? ReadOption(IReadOnlyList<string> args, ref int i, List<string> errors)
    {
        var arg = args[i];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? arg : arg[..equals]).TrimStart('-');
        var definition = ParameterDefinitions.All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        if (definition is null)
        {
            var suggestion = NameSuggester.Nearest(name, ParameterDefinitions.All.Select(d => d.Name));
            var hint = suggestion is null ? string.Empty : $" Did you mean '--{suggestion}'?";
            errors.Add($"unknown option '{arg}'.{hint} See --help.");
            return null;
        }

        if (equals >= 0)
        {
            return (definition, arg[(equals + 1)..]);
        }

        // A switch needs no value; `--keep-going=false` turns one off.
        if (definition.Type == ParameterType.Boolean)
        {
            return (definition, "true");
        }

        if (i + 1 >= args.Count)
        {
            errors.Add($"{definition.Option}: expected {definition.Expected}, got nothing");
            return null;
        }

        i++;
        return (definition, args[i]);
    }

    private static object? Resolve(
        ParameterDefinition definition,
        Dictionary<ParameterDefinition, string> given,
        Func<string, string?> getEnvironmentVariable,
        List<string> errors)
    {
        string? raw;
        string source;
        if (given.TryGetValue(definition, out var fromCommandLine))
        {
            (raw, source) = (fromCommandLine, definition.Option);
        }
        else if (definition.EnvironmentVariable is { } variable && getEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            (raw, source) = (fromEnvironment, $"{variable} (for {definition.Option})");
        }
        else
        {
            return Default(definition);
        }

        var value = Convert(definition.Type, raw);
        if (value is null)
        {
            errors.Add($"{source}: expected {definition.Expected}, got '{raw}'");
        }

        return value;
    }

    private static object? Default(ParameterDefinition definition) => definition.Type switch
    {
        // A number as the default text ("10"), else a description of the machine's ("processor count").
        ParameterType.PositiveInteger => int.TryParse(definition.DefaultText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Environment.ProcessorCount,
        ParameterType.Boolean => false,
        ParameterType.Stage or ParameterType.Version or ParameterType.OptionalText or ParameterType.Shard => null,
        _ => definition.DefaultText,
    };

    private static object? Convert(ParameterType type, string raw) => type switch
    {
        ParameterType.Text or ParameterType.OptionalText => raw.Length > 0 ? raw : null,
        ParameterType.PositiveInteger =>
            int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null,
        ParameterType.Boolean => raw.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => null,
        },
        ParameterType.Stage => Stages.All.FirstOrDefault(s => string.Equals(s, raw, StringComparison.OrdinalIgnoreCase)),
        ParameterType.Version => SemanticVersion.TryParse(raw, out var version, out _) ? version!.Text : null,
        ParameterType.Shard => TryParseShard(raw),
        ParameterType.Suite => BenchSuites.All.FirstOrDefault(s => string.Equals(s, raw, StringComparison.OrdinalIgnoreCase)),
        _ => null,
    };

    private static string? TryParseShard(string raw)
    {
        try
        {
            return ShardSpec.Parse(raw).ToString();
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
