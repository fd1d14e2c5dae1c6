using System.Text.Json.Nodes;
using TrajectoryBuild.Cli.Output;

namespace TrajectoryBuild.Cli.Tests;

/// <summary>The end-of-build summary over the stages' report.json files (as the demo build writes them).</summary>
public sealed class DatasetSummaryTests
{
    // The demo's reports, as `trajbuild show <Stage>/dataset/demo report.json` prints them (Mine's source snapshot, the
    // id lists and most agreement metrics left out).
    private const string MineJson = """
        {"dataset":"demo","seen":3,"kept":3,"rejected":0,"sources":[{"name":"demo-local","kind":"local","seen":3,"snapshot":"84ac5f74"}],
         "reasons":{},"kept_ids":["demo__calculator-1","demo__calculator-2","demo__textutils-4"],"rejections":[]}
        """;

    private const string ReproduceJson = """
        {"total_instances":3,"submitted_instances":3,"completed_instances":3,"resolved_instances":3,"unresolved_instances":0,
         "empty_patch_instances":0,"error_instances":0,"resolved_ids":["demo__calculator-1","demo__calculator-2","demo__textutils-4"],
         "schema_version":2,"dataset":"demo","tasks":3,"validated":3,"rejected":0,"infrastructure_failures":0,"rejections":[],
         "flaky":[],"sandbox_refusals":[],"warnings":[],"not_hermetic_ids":[]}
        """;

    private const string EvaluateJson = """
        {"dataset":"demo","groups":[
          {"cost_usd":null,"empty_patches":0,"evaluated":0,"filtered":{"quarantined":1},"model":"-","produced":1,"resolved":0,"resolved_rate":null,"scaffold":"recorded","total_tokens":null},
          {"cost_usd":0.0418,"empty_patches":0,"evaluated":3,"filtered":{"patch-does-not-apply":1,"patch-outside-repo":1},"model":"recorded-demo-model","produced":5,"resolved":2,"resolved_rate":0.6667,"scaffold":"recorded","total_tokens":15480},
          {"cost_usd":null,"empty_patches":0,"evaluated":3,"filtered":{},"model":"scripted","produced":3,"resolved":3,"resolved_rate":1,"scaffold":"reference","total_tokens":12864}],
         "totals":{"cost_usd":0.0418,"empty_patches":0,"evaluated":6,"filtered":{"patch-does-not-apply":1,"patch-outside-repo":1,"quarantined":1},"model":"*","produced":9,"resolved":5,"resolved_rate":0.8333,"scaffold":"*","total_tokens":28344}}
        """;

    private const string VerifyJson = """
        {"accepted":6,"agreement":{"axes":[
          {"axis":"relevance","items":3,"metrics":{"cohen_kappa":{"high":null,"low":null,"undefined":"no rater pair has a defined kappa: the disagreement expected by chance is 0 (the raters used one shared category)","value":null}},"pass":null,"trajectories":1},
          {"axis":"factual_grounding","items":3,"metrics":{"cohen_kappa":{"high":0,"low":0,"undefined":null,"value":0}},"pass":false,"trajectories":1},
          {"axis":"tool_selection","items":3,"metrics":{"cohen_kappa":{"high":null,"low":null,"undefined":"no rater pair has a defined kappa: the disagreement expected by chance is 0 (the raters used one shared category)","value":null}},"pass":null,"trajectories":1},
          {"axis":"redundancy","items":3,"metrics":{"cohen_kappa":{"high":null,"low":null,"undefined":"no rater pair has a defined kappa: the disagreement expected by chance is 0 (the raters used one shared category)","value":null}},"pass":null,"trajectories":1},
          {"axis":"unsafe_edits","items":3,"metrics":{"cohen_kappa":{"high":null,"low":null,"undefined":"no rater pair has a defined kappa: the disagreement expected by chance is 0 (the raters used one shared category)","value":null}},"pass":null,"trajectories":1}],
          "on":"the random part of the slice: submitted human labels of items with two or more annotators",
          "overall":{"axis":"overall","items":15,"metrics":{"cohen_kappa":{"high":0,"low":0,"undefined":null,"value":0}},"pass":false,"trajectories":1},
          "passing_axes":[],"target":0.78,"target_metric":"cohen_kappa"},
         "dataset":"demo","gate":{"accepted":6,"accuracy":{"accept_agreement":1,"trajectories":1},"rejected":0,"verifier":"rules/2"},
         "labels_for_unknown_trajectories":0,"rejected":0,"slice":{"labelled":1,"overlap_items":1,"partly_labelled":0,"random":1,"size":1,"uncertainty":0},
         "sources":{"gate":4,"human":2},"trajectories":6}
        """;

    private const string RewardJson = """
        {"dataset":"demo","heuristic_agreement":[{"agreed":2,"compared":2,"fired":2,"heuristic":"gold_file_edit","share":1}],"mean_outcome_reward":0.833333,
         "resolved":5,"steps":22,"steps_by_label":{"+1":14,"0":8},"steps_by_source":{"heuristics":6,"human":8,"none":8},"trajectories":6}
        """;

    private const string TagJson = """
        {"by_scaffold_model":[{"classes":{"broken_implementation":1,"context_overflow":0,"incomplete_verification":0,"infrastructure":0,"localization":1,"semantic_gap":1,"tool_use_loop":0},"model":"recorded-demo-model","scaffold":"recorded"}],
         "classes":{"broken_implementation":1,"context_overflow":0,"incomplete_verification":0,"infrastructure":0,"localization":1,"semantic_gap":1,"tool_use_loop":0},
         "dataset":"demo","detector_accuracy_on_human_tags":0,"failed":3,"human_tags":1}
        """;

    private const string DockerImageJson = """
        {"base_image":"trajbuild/base:c4ca11de4add","env_image":"trajbuild/env:3b6aa1b3b04a2f61","executor":"docker","hermetic":true,"rootfs_sha256":"6bb1c163","suite":"bookworm"}
        """;

    private const string LocalImageJson = """
        {"executor":"local","hermetic":false,"note":"runs on the host with its own toolchain, not in a container; Debian packages python3-pytest are expected on the host","suite":"bookworm"}
        """;

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static DatasetReports Demo() => new("demo")
    {
        Mine = Json(MineJson),
        Checkout = Json(MineJson),
        Reproduce = Json(ReproduceJson),
        Evaluate = Json(EvaluateJson),
        Verify = Json(VerifyJson),
        Reward = Json(RewardJson),
        Tag = Json(TagJson),
        Package = new PackagedFiles(
            [new("dpo", 1, 1, ["jsonl"]), new("openai", 6, 1, ["jsonl"]), new("prm", 6, 1, ["jsonl"]), new("sharegpt", 6, 1, ["jsonl"])],
            ["README.md", "croissant.json", "provenance.intoto.json", "summary.txt"]),
        Environments = [new EnvironmentExecutor("python-bookworm", Json(DockerImageJson), "auto")],
    };

    private static string Render(params DatasetReports[] datasets)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        DatasetSummary.Write(datasets, writer);
        return writer.ToString();
    }

    [Fact]
    public void Write_DemoReportsThroughPackage_SummarisesEveryStage()
    {
        Render(Demo()).ShouldBe("""

            Dataset demo
              executor      hermetic: Docker Engine (python-bookworm)
              tasks         3 seen, 3 mined, 3 reproduced, 0 rejected
              trajectories  9 produced, 3 filtered (1 patch-does-not-apply, 1 patch-outside-repo, 1 quarantined), 6 evaluated, 5 resolved (83.3%)
                recorded                      1 produced, 1 filtered, 0 evaluated, 0 resolved
                recorded/recorded-demo-model  5 produced, 2 filtered, 3 evaluated, 2 resolved (66.7%)
                reference/scripted            3 produced, 0 filtered, 3 evaluated, 3 resolved (100.0%)
              verification  6 accepted, 0 rejected; human slice 1 of 6 (17%), 1 labelled
              agreement     pooled Cohen's kappa 0.000 FAIL (target 0.780, 15 items); axes: 1 FAIL (factual_grounding), 4 undefined
              rewards       6 trajectories, mean outcome reward 0.833; 22 step labels (+1: 14, 0: 8)
              failures      3 failed trajectories: broken_implementation 1, localization 1, semantic_gap 1 (1 human tag)
              files         dpo 1 row, openai 6 rows, prm 6 rows, sharegpt 6 rows in 4 data files (jsonl); also README.md, croissant.json, provenance.intoto.json, summary.txt
                            get them: trajbuild show Package/dataset/demo --out DIR

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_BuildUpToReproduce_ShowsOnlyTheSectionsItHasAndCountsRejectionsByReason()
    {
        var mine = Json(MineJson);
        mine["seen"] = 6;
        mine["kept"] = 4;
        mine["rejected"] = 2;
        mine["reasons"] = new JsonObject { ["outside-date-window"] = 1, ["leak-set"] = 1 };
        var checkout = mine.DeepClone().AsObject();
        checkout["kept"] = 3;
        checkout["rejected"] = 3;
        checkout["reasons"] = new JsonObject { ["leak-set"] = 1, ["outside-date-window"] = 1, ["repository-unavailable"] = 1 };
        var reproduce = Json(ReproduceJson);
        reproduce["validated"] = 1;
        reproduce["rejected"] = 1;
        reproduce["infrastructure_failures"] = 1;
        reproduce["rejections"] = JsonNode.Parse("""
            [{"instance_id":"b","kind":"infrastructure","reason":"setup-failed","detail":"apt exited 100"},
             {"instance_id":"a","kind":"task","reason":"no-fail-to-pass","detail":"no test fails before the gold patch"}]
            """);
        reproduce["sandbox_refusals"] = JsonNode.Parse("""
            [{"instance_id":"c","run":"after","kind":"network","test":"t.py::test_get","evidence":"[Errno 101] Network is unreachable"},
             {"instance_id":"c","run":"before","kind":"network","test":"t.py::test_get","evidence":"[Errno 101] Network is unreachable"},
             {"instance_id":"d","run":"after","kind":"outside-workspace","test":null,"evidence":"/etc/x: Permission denied"}]
            """);

        var text = Render(new DatasetReports("demo")
        {
            Mine = mine,
            Checkout = checkout,
            Reproduce = reproduce,
            Environments = [new EnvironmentExecutor("python-bookworm", Json(DockerImageJson), "auto")],
        });

        text.ShouldBe("""

            Dataset demo
              executor      hermetic: Docker Engine (python-bookworm)
              tasks         6 seen, 3 mined, 1 reproduced, 4 rejected (mining: 1 leak-set, 1 outside-date-window, 1 repository-unavailable; reproduce: 1 no-fail-to-pass), 1 infrastructure failure, 2 tests refused by the sandbox (report.txt)

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_MissingSections_AreSkippedSilently()
    {
        var partial = Demo() with { Mine = null, Checkout = null, Evaluate = null, Reward = null, Package = null, Environments = [] };

        var lines = DatasetSummary.Lines(partial);

        lines.Select(l => l.TrimStart().Split(' ')[0]).ShouldBe(["Dataset", "tasks", "verification", "agreement", "failures"]);
        lines[1].ShouldBe("  tasks         3 reproduced, 0 rejected");
        Render(new DatasetReports("empty")).ShouldBeEmpty("a dataset without any report prints nothing, not even its title");
        Render().ShouldBeEmpty();
    }

    [Fact]
    public void Write_ReportsOfAnotherShape_AreSkippedNotFatal()
    {
        var reports = new DatasetReports("odd")
        {
            Mine = Json("""{"seen":"three","kept":[],"reasons":[]}"""),
            Evaluate = Json("""{"groups":{},"totals":{"produced":1}}"""),
            Verify = Json("""{"accepted":true,"agreement":[]}"""),
            Reward = Json("""{"trajectories":null}"""),
            Tag = Json("""{"failed":2,"classes":"none"}"""),
            Environments = [new EnvironmentExecutor("e", Json("""{"executor":7}"""), null)],
        };

        Render(reports).ShouldBe("""

            Dataset odd
              failures      2 failed trajectories

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_LocalExecutor_SaysItIsNotHermeticAndWhy()
    {
        var auto = Render(Demo() with { Environments = [new EnvironmentExecutor("python-bookworm", Json(LocalImageJson), "auto")] });
        var requested = Render(Demo() with { Environments = [new EnvironmentExecutor("python-bookworm", Json(LocalImageJson), "local")] });
        var mixed = Render(Demo() with
        {
            Environments = [new EnvironmentExecutor("a", Json(DockerImageJson), "auto"), new EnvironmentExecutor("b", Json(LocalImageJson), "auto")],
        });

        auto.ShouldContain("\n  executor      local, NOT hermetic: tasks run with the host's toolchain, no container (python-bookworm; no Docker engine answered)\n");
        requested.ShouldContain("\n  executor      local, NOT hermetic: tasks run with the host's toolchain, no container (python-bookworm; the manifest asks for executor: local)\n");
        mixed.ShouldContain("\n  executor      mixed, NOT hermetic: Docker Engine for a; local (the host's toolchain) for b (no Docker engine answered)\n");
        auto.ShouldNotContain("hermetic: Docker Engine");
    }

    [Fact]
    public void Write_Agreement_SaysWhyItIsUndefinedOrNotMeasuredYet()
    {
        var undefined = Demo();
        var overall = undefined.Verify!["agreement"]!["overall"]!;
        overall["pass"] = null;
        overall["metrics"]!["cohen_kappa"]!["value"] = null;
        overall["metrics"]!["cohen_kappa"]!["undefined"] = "no rater pair has a defined kappa";
        var unlabelled = Demo();
        unlabelled.Verify!["agreement"]!["overall"]!["items"] = 0;
        var passing = Demo();
        passing.Verify!["agreement"]!["overall"]!["pass"] = true;
        passing.Verify!["agreement"]!["overall"]!["metrics"]!["cohen_kappa"]!["value"] = 0.8123;
        passing.Verify!["agreement"]!["axes"]![1]!["pass"] = true;

        DatasetSummary.Lines(undefined).ShouldContain("  agreement     pooled Cohen's kappa undefined: no rater pair has a defined kappa (target 0.780); axes: 1 FAIL (factual_grounding), 4 undefined");
        DatasetSummary.Lines(unlabelled).ShouldContain("  agreement     no overlapping human labels yet (Cohen's kappa, target 0.780)");
        DatasetSummary.Lines(passing).ShouldContain("  agreement     pooled Cohen's kappa 0.812 pass (target 0.780, 15 items); axes: 1 pass (factual_grounding), 4 undefined");
    }

    [Fact]
    public void Write_ManyDatasetsAndGroups_SortedOrdinallyAndCapped()
    {
        var evaluate = Json(EvaluateJson);
        var groups = new JsonArray();
        for (var i = 0; i < 11; i++)
        {
            groups.Add(JsonNode.Parse($$"""{"evaluated":{{i * 10}},"filtered":{},"model":"m{{i:00}}","produced":{{i * 10}},"resolved":{{i}},"scaffold":"s"}"""));
        }

        evaluate["groups"] = groups;

        var text = Render(Demo() with { Dataset = "b" }, Demo() with { Dataset = "B" }, new DatasetReports("a") { Evaluate = evaluate });

        text.IndexOf("Dataset B\n", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Dataset a\n", StringComparison.Ordinal));
        text.IndexOf("Dataset a\n", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("Dataset b\n", StringComparison.Ordinal));
        text.ShouldContain("\n    s/m00   0 produced, 0 filtered,  0 evaluated, 0 resolved\n    s/m01  10 produced, 0 filtered, 10 evaluated, 1 resolved (10.0%)\n");
        text.ShouldContain("\n    s/m07  70 produced, 0 filtered, 70 evaluated, 7 resolved (10.0%)\n    ... 3 more scaffold/model pairs (trajbuild show Evaluate/dataset/a report.txt)\n");
        text.ShouldNotContain("s/m08");
    }
}
