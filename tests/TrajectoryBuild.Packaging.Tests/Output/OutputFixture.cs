using System.Text;
using TrajectoryBuild.Packaging.Output;

namespace TrajectoryBuild.Packaging.Tests.Output;

internal static class OutputFixture
{
    public static readonly string[] Repos = ["acme/alpha", "acme/beta", "acme/gamma", "octo/delta", "octo/epsilon"];

    public static List<ShardRow> Rows(int perRepo = 5)
    {
        var rows = new List<ShardRow>();
        foreach (var (repo, r) in Repos.Select((repo, r) => (repo, r)))
        {
            for (var i = 0; i < perRepo; i++)
            {
                var id = $"{repo.Replace("/", "__", StringComparison.Ordinal)}-{i}";
                var json = $$"""{"id":"{{id}}","repo":"{{repo}}","resolved":{{(i % 2 == 0 ? "true" : "false")}},"steps":{{i}},"score":{{i}}.5,"messages":[{"role":"user","content":"fix ü {{i}}"}]}""";
                rows.Add(new ShardRow(r % 2 == 0 ? "train" : "test", id, Encoding.UTF8.GetBytes(json)));
            }
        }

        return rows;
    }

    public static Task<ShardSet> WriteAsync(string root, int shardRows = 4) =>
        ShardWriter.WriteAsync(root, "sharegpt", Rows(), new ShardOptions(shardRows, [ShardFileFormat.Parquet, ShardFileFormat.Jsonl]), TestContext.Current.CancellationToken);

    public static DatasetCardOptions Card() =>
        new("demo", "MIT", "Agent trajectories on demo repositories.", "Demo trajectories", ["agents", "swe"], "@misc{demo, title={Demo}}");
}
