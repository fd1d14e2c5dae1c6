namespace TrajectoryBuild.Testing;

/// <summary>
/// The embedded demo as the stage tests declare it: its tasks and environment, both scaffolds (the reference agent and the
/// recorded SWE-agent runs) on the scripted model, and the dataset; each test adds the sections its stages read.
/// </summary>
public static class DemoManifest
{
    private const string Tasks = """
        version: 1
        sources:
          demo-local: {kind: local, path: samples/tasks}
        environments:
          python:
            base: {suite: bookworm, packages: [python3-pytest]}
            test: {command: python3 -m pytest -rA -p no:cacheprovider, parser: pytest, timeout_seconds: 300}
        scaffolds:
          reference: {kind: reference, limits: {steps: 15}}
          recorded: {kind: import, import: {format: swe-agent, path: samples/trajectories}}
        models:
          scripted: {scripted: samples/models/scripted-demo, model: scripted-demo, context_window: 32768}
        """;

    private const string Dataset = """
        datasets:
          demo:
            sources: [demo-local]
            rollouts: {scaffolds: [reference, recorded], models: [scripted]}
        """;

    /// <summary>The demo manifest with <paramref name="sections"/> (top-level YAML, e.g. <c>verification:</c> ...) between the models and the dataset.</summary>
    public static string With(string sections) => $"{Tasks}\n{sections.TrimEnd('\n')}\n{Dataset}\n";
}
