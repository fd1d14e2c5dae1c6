using System.Text.RegularExpressions;

namespace TrajectoryBuild.Agents;

/// <summary>
/// The reference agent's prompts. Templates may use <c>{{problem_statement}}</c> (alias <c>{{task}}</c>) and
/// <c>{{instance_id}}</c>; any other <c>{{name}}</c> is an error.
/// </summary>
internal static partial class PromptTemplates
{
    public const string DefaultSystem =
        "You are a careful software engineer. You work in a Linux shell on a code repository checked out at /testbed, "
        + "and you fix the issue the user describes.\n\n"
        + "Use the bash tool to run one command at a time: read files, search the code, edit files (sed, python3, or cat with a heredoc), "
        + "write a small script that reproduces the issue, and run the tests. Each command runs in a fresh shell in /testbed: "
        + "cd and variables do not carry over, there is no network, and interactive programs do not work.\n\n"
        + "When the issue is fixed, call the submit tool. Your changes to the files in /testbed are your submission.";

    public const string DefaultInstance =
        "Fix this issue in the repository at /testbed.\n\n<issue>\n{{problem_statement}}\n</issue>\n\n"
        + "Change the source code, not the tests. Check your fix by running the code, then call submit.";

    public static string Render(string template, AgentRequest request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        return Variable().Replace(template, match => match.Groups[1].Value switch
        {
            "problem_statement" or "task" => request.ProblemStatement,
            "instance_id" => request.InstanceId,
            var name => throw new ArgumentException($"reference agent template: unknown variable '{{{{{name}}}}}'; known: problem_statement, task, instance_id"),
        });
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Variable();
}
