using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace TrajectoryBuild.Cli.Commands;

/// <summary>
/// Examples printed at the end of a subcommand's <c>--help</c>, and only there: a command's description is also its
/// one-line summary in its parent's command list, so examples cannot live in it.
/// </summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string> s_examples = [];

    /// <summary>Adds examples (each <c>command   what it does</c>) to <paramref name="command"/>'s help.</summary>
    public static Command WithExamples(this Command command, params string[] examples)
    {
        s_examples.AddOrUpdate(command, "Examples:\n" + string.Concat(examples.Select(e => $"  {e}\n")));
        return command;
    }

    /// <summary>Makes the help option of <paramref name="root"/> (and so of every subcommand) print the examples after the help.</summary>
    public static void Install(Command root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithExamplesAction((HelpAction)help.Action!);
    }

    private sealed class WithExamplesAction(HelpAction inner) : SynchronousCommandLineAction
    {
        // Like the help action it wraps: help for a command with a missing argument is still help, not an error.
        public override bool ClearsParseErrors => inner.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (s_examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                parseResult.InvocationConfiguration.Output.Write(examples);
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            return code;
        }
    }
}
