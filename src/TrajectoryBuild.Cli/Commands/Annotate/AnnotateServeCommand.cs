using System.CommandLine;
using TrajectoryBuild.Annotation.Hosting;
using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Cli.Commands.Annotate;

/// <summary><c>trajbuild annotate serve</c>: the annotation server on Kestrel until Ctrl+C.</summary>
internal static class AnnotateServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = new StoreOptions();
        var urls = new Option<string[]>("--urls") { Description = $"Where to listen [default: {ListenAddresses.Default}]", HelpName = "url", AllowMultipleArgumentsPerToken = true };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow listening on a non-loopback address (put HTTPS in front: passwords and cookies cross the network)" };
        var admin = new Option<string?>("--admin") { Description = "Create or reset this admin account on start (needs --admin-password-env)", HelpName = "name" };
        var adminPassword = new Option<string?>("--admin-password-env") { Description = "Name of the environment variable holding the --admin password", HelpName = "var" };
        var command = new Command("serve", "Run the annotation server (migrations run first); Ctrl+C stops it") { urls, allowRemote, admin, adminPassword };
        store.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var addresses = parse.GetValue(urls) is { Length: > 0 } given ? given : [ListenAddresses.Default];
            var problems = ListenAddresses.Problems(addresses, parse.GetValue(allowRemote)).ToList();
            var (adminName, passwordVariable) = (parse.GetValue(admin), parse.GetValue(adminPassword));
            var password = passwordVariable is null ? null : Environment.GetEnvironmentVariable(passwordVariable);
            if (adminName is not null && string.IsNullOrEmpty(password))
            {
                problems.Add(passwordVariable is null ? "--admin needs --admin-password-env VAR" : $"--admin-password-env {passwordVariable}: the environment variable is not set");
            }
            else if (adminName is not null && Annotation.Web.AdminEndpoints.UserProblem(adminName, Roles.Admin, password) is { } problem)
            {
                problems.Add($"--admin: {problem}");
            }

            if (problems.Count > 0)
            {
                foreach (var p in problems)
                {
                    await stderr.WriteLineAsync($"error: {p}").ConfigureAwait(false);
                }

                return ExitCodes.Usage;
            }

            return await store.WithStoreAsync(parse, stderr, async (opened, location) =>
            {
                await stdout.WriteLineAsync($"store: {location.Describe()} (migrations applied)").ConfigureAwait(false);
                if (adminName is not null)
                {
                    await opened.AddUserAsync(adminName, Roles.Admin, password!, replace: true, cancellationToken).ConfigureAwait(false);
                    await stdout.WriteLineAsync($"admin account '{adminName}' ready (password from ${passwordVariable})").ConfigureAwait(false);
                }

                var users = await opened.ListUsersAsync(cancellationToken).ConfigureAwait(false);
                await using var server = await AnnotationServer.StartAsync(opened, addresses, StoreOptions.KeysDirectory(location), cancellationToken).ConfigureAwait(false);
                foreach (var address in server.Addresses)
                {
                    await stdout.WriteLineAsync($"Annotation server listening on {address}").ConfigureAwait(false);
                }

                await stdout.WriteLineAsync(users.Count == 0
                    ? "No accounts yet: create one with 'trajbuild annotate users add NAME --role admin', then log in at " + server.Addresses[0] + "/login"
                    : $"Log in at {server.Addresses[0]}/login with an account ({users.Count} exist; add more with 'trajbuild annotate users add'). Press Ctrl+C to stop.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop accepting requests, let running ones finish.
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await server.StopAsync(grace.Token).ConfigureAwait(false);
                await stdout.WriteLineAsync("Annotation server stopped.").ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
