using TrajectoryBuild.Testing;
namespace TrajectoryBuild.Tests.Manifest;

/// Small manifests the tests start from.
internal static class Manifests
{
    /// The smallest valid manifest: one local source, one scaffold, one dataset.
    public const string Minimal = """
        version: 1
        sources:
          local:
            kind: local
            path: samples/tasks
        scaffolds:
          reference:
            kind: reference
        datasets:
          demo:
            sources: [local]
            rollouts:
              scaffolds: [reference]
        """;

    /// A manifest whose dataset and task use environment 'django-3', defined nowhere in it.
    public const string UsesDjango3 = """
        version: 1
        sources:
          local:
            kind: local
            tasks:
              - {instance_id: t1, repo: django/django, base_commit: "1234567", environment: django-3}
        scaffolds:
          reference:
            kind: reference
        datasets:
          demo:
            sources: [local]
            environments: [django-3]
            rollouts:
              scaffolds: [reference]
        """;

    public static string DemoPath => Path.Combine(RepositoryRoot.Path, "datasets.yaml");
}
