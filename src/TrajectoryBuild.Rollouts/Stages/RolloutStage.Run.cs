using System.Text.Json.Nodes;
using TrajectoryBuild.Agents;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.External;
using TrajectoryBuild.Rollouts.Matrix;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rollouts.Stages;

internal sealed partial class RolloutStage
{
    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = (RolloutInputs)context.Target.Locals!;
        var environment = inputs.Task.Environment!;
        var (prepared, failure) = await TaskPreparation.PrepareAsync(context, environment, inputs.Task.CheckoutTarget, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            // Reproduce built this very image a moment ago: failing now is the machine's problem, not the task's.
            throw new InvalidOperationException($"{inputs.Task.InstanceId}: the task image could not be prepared ({failure.Reason}): {failure.Detail}");
        }

        using var task = prepared!;
        var raw = Path.Combine(context.OutputDirectory, RawFolder);
        Directory.CreateDirectory(raw);
        context.ReportProgress($"{inputs.Task.InstanceId}: {inputs.Scaffold.Name} ({inputs.Scaffold.Kind}) with {inputs.Model.Name}, seed {inputs.Seed}");
        var outcome = inputs.Scaffold.IsExternal
            ? await ExternalScaffold.RunAsync(context, task, inputs, raw, cancellationToken).ConfigureAwait(false)
            : await RunReferenceAsync(context, task, inputs, raw, cancellationToken).ConfigureAwait(false);
        var record = new JsonObject
        {
            ["instance_id"] = inputs.Task.InstanceId,
            ["scaffold"] = inputs.Scaffold.Name,
            ["scaffold_kind"] = inputs.Scaffold.Kind,
            ["scaffold_version"] = inputs.Scaffold.Version,
            ["model"] = inputs.Model.Name,
            ["model_id"] = inputs.Model.Model,
            ["seed"] = inputs.Seed,
            ["format"] = inputs.Scaffold.Format,
            ["exit_status"] = outcome.ExitStatus,
            ["steps"] = outcome.Steps,
            ["executor"] = task.Executor.Name,
            ["hermetic"] = task.Executor.Hermetic,
            ["image"] = task.Executor.Image,
        };
        await context.WriteOutputAsync(RecordFile, CanonicalJson.Serialize(record) + "\n", cancellationToken).ConfigureAwait(false);
        await context.Log.WriteLineAsync($"{inputs.Task.InstanceId}: {inputs.Scaffold.Name} x {inputs.Model.Name} seed {inputs.Seed}: {outcome.ExitStatus} after {outcome.Steps} steps").ConfigureAwait(false);
    }

    private static async Task<AgentOutcome> RunReferenceAsync(TargetContext context, PreparedTask task, RolloutInputs inputs, string raw, CancellationToken cancellationToken)
    {
        var model = inputs.Model;
        var server = model.Scripted is null ? null : await ScriptedChatServer.StartAsync(ChatScript.LoadFolder(inputs.ScriptsFolder!), cancellationToken).ConfigureAwait(false);
        await using (server)
        {
            var endpoint = server?.BaseUrl ?? model.Endpoint!;
            var apiKey = ApiKey(model);
            var limits = inputs.Task.Environment!.Limits;
            var sandbox = task.Engine is { } engine
                ? await DockerSandbox.StartAsync(engine, task.Executor.Image!, limits, cancellationToken).ConfigureAwait(false)
                : await LocalSandbox.StartAsync(task.CheckoutFolder, task.Checkout.Commit, limits, cancellationToken).ConfigureAwait(false);
            await using (sandbox.ConfigureAwait(false))
            {
                var request = new AgentRequest(
                    endpoint, model.Model, apiKey, model.Params, inputs.Seed, inputs.Task.InstanceId, inputs.Task.Task.ProblemStatement, inputs.Scaffold.Limits, inputs.Scaffold.Config);
                return await ReferenceAgent.RunAsync(request, sandbox, raw, context.ReportProgress, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string? ApiKey(ModelSpec model)
    {
        if (model.ApiKeyEnv is not { } variable)
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException($"model '{model.Name}' reads its API key from ${variable}, which is not set: export {variable}=..., or remove api_key_env if the endpoint needs no key");
    }
}
