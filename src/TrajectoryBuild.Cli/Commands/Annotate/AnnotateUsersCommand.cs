using System.CommandLine;
using System.Text;
using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Annotation.Web;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate users add|list</c>: accounts, managed from the command line.</summary>
internal static class AnnotateUsersCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var name = new Argument<string>("name") { Description = "The account name (letters, digits, '.', '_', '-', '@')" };
        var role = new Option<string>("--role") { Description = "admin, reviewer or annotator", Required = true, HelpName = "role" };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var passwordEnv = new Option<string?>("--password-env") { Description = "Name of an environment variable holding the password [default: prompt on a terminal, else generate one and print it once]", HelpName = "var" };
        var replace = new Option<bool>("--replace") { Description = "Reset the role and password of an existing account" };
        var add = new Command("add", "Create an account") { name, role, passwordEnv, replace };
        store.AddTo(add);
        add.SetAction(async (parse, cancellationToken) =>
        {
            var (userName, userRole) = (parse.GetValue(name)!, parse.GetValue(role)!);
            var (password, generated) = ReadPassword(parse.GetValue(passwordEnv), userName, stderr);
            if (password is null)
            {
                return ExitCodes.Usage;
            }

            if (AdminEndpoints.UserProblem(userName, userRole, password) is { } problem)
            {
                await stderr.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await store.WithStoreAsync(parse, stderr, async (opened, _) =>
            {
                if (!await opened.AddUserAsync(userName, userRole, password, parse.GetValue(replace), cancellationToken).ConfigureAwait(false))
                {
                    await stderr.WriteLineAsync($"error: a user named '{userName}' exists already (--replace resets its role and password)").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                await stdout.WriteLineAsync($"{userRole} '{userName}' saved").ConfigureAwait(false);
                if (generated)
                {
                    await stdout.WriteLineAsync($"one-time password for '{userName}' (shown once, stored only hashed): {password}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }, cancellationToken).ConfigureAwait(false);
        });

        var list = new Command("list", "List the accounts and their roles");
        var listStore = new StoreOptions();
        listStore.AddTo(list);
        list.SetAction(async (parse, cancellationToken) => await listStore.WithStoreAsync(parse, stderr, async (opened, _) =>
        {
            foreach (var user in await opened.ListUsersAsync(cancellationToken).ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"{user.Name,-24} {user.Role}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken).ConfigureAwait(false));

        return new Command("users", "Manage accounts (admin, reviewer, annotator)") { add, list };
    }

    private static (string? Password, bool Generated) ReadPassword(string? variable, string user, TextWriter stderr)
    {
        if (variable is not null)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                stderr.WriteLine($"error: --password-env {variable}: the environment variable is not set");
                return (null, false);
            }

            return (value, false);
        }

        if (Console.IsInputRedirected)
        {
            return (Passwords.Generate(), true);
        }

        stderr.Write($"password for '{user}': ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        stderr.WriteLine();
        return (password.ToString(), false);
    }
}
