namespace TrajectoryBuild.Tests.Manifest;

/// The table of bad manifests whose rendered errors are approved in Approved/&lt;name&gt;.txt.
internal static class BadManifests
{
    public static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["unknown-key-suggestion"] = """
            version: 1
            sorces:
              local: {kind: local, path: samples/tasks}
            verification:
              grading:
                stabilty_runs: 2
              gate:
                model: x
                treshold: 0.5
                colour: blue
            datasets:
              demo:
                sources: [local]
            """,
        ["too-short-strings"] = """
            version: 1
            sources:
              s:
                kind: local
                tasks:
                  - {instance_id: a, repo: x/a, base_commit: "12"}
                  - {instance_id: "", repo: x/b, base_commit: "1234567"}
            datasets:
              demo:
                sources: [s]
            """,
        ["several-errors-sorted"] = """
            version: 2
            epoch: -1
            sources:
              local:
                kind: local
                path: samples/tasks
            packaging:
              formats: [sharegpt, alpaca]
              files: []
              shard_rows: 0
            datasets:
              demo:
                sources: [local]
                descripton: typo
                rollouts:
                  scaffolds: [reference]
            scaffolds:
              reference: {kind: reference}
            """,
        ["wrong-type"] = """
            version: 1
            epoch: "3"
            sources:
              gh:
                kind: github
                repos: octo/repo
                max_per_repo: many
            environments:
              py:
                base: {suite: bookworm, packages: python3-pytest}
                test: {command: pytest, parser: pytest, timeout_seconds: 1.5}
            release:
              tag_format: 5
              version: 1.0
            datasets:
              demo:
                sources: [gh]
                rollouts: {scaffolds: reference}
            """,
        ["bad-enum"] = """
            version: 1
            sources:
              a: {kind: gitlab, path: x}
              b: {kind: Local, path: x}
            environments:
              py:
                base: {suite: jessie}
                test: {command: pytest, parser: pytset}
            packaging:
              action_rendering: markdown
            datasets:
              demo:
                sources: [a, b]
            """,
        ["missing-required"] = """
            sources:
              gh:
                kind: github
              nokind:
                path: x
            environments:
              py:
                base: {suite: bookworm}
                test: {parser: pytest}
            models:
              m: {model: gpt}
            """,
        ["missing-datasets-entry-keys"] = """
            version: 1
            datasets:
              demo:
                description: nothing else
                rollouts: {}
            """,
        ["duplicate-key"] = """
            version: 1
            sources:
              local: {kind: local, path: a}
              local: {kind: local, path: b}
            datasets:
              demo:
                sources: [local]
                sources: [local]
            """,
        ["yaml-syntax-error"] = """
            version: 1
            sources:
              local:
                kind: local
                 path: samples/tasks
            """,
        ["yaml-unclosed-flow"] = """
            version: 1
            datasets:
              demo:
                sources: [local
            """,
        ["tab-indentation"] = "version: 1\ndatasets:\n\tdemo: {}\n",
        ["empty-file"] = "",
        ["comments-only"] = "# nothing here\n\n# still nothing\n",
        ["non-mapping-root"] = "- version: 1\n- datasets: {}\n",
        ["scalar-root"] = "just a string\n",
        ["two-documents"] = "version: 1\n---\nversion: 2\n",
        ["undefined-references"] = """
            version: 1
            sources:
              local: {kind: local, path: samples/tasks}
            scaffolds:
              reference: {kind: reference}
              recorded: {kind: import}
            models:
              scripted: {endpoint: "http://127.0.0.1:8089/v1", model: s}
            verification:
              gate: {model: scripted2}
            datasets:
              demo:
                sources: [locl, swe]
                environments: [py]
                rollouts:
                  scaffolds: [refrence, recorded]
                  models: [scriptd]
            """,
        ["model-gate-without-model"] = """
            version: 1
            sources:
              local: {kind: local, path: samples/tasks}
            verification:
              human: {fraction: 0.12, random_share: 0.4}
              gate:
                kind: model
                threshold: 0.5
            datasets:
              demo:
                sources: [local]
            """,
        ["json-pointer-escaping"] = """
            version: 1
            sources:
              team/a~b:
                kind: local
                pth: x
            datasets:
              "x/y":
                sources: [team/a~b]
                rollouts: {scaffolds: []}
            """,
        ["nested-sequence-positions"] = """
            version: 1
            sources:
              inline:
                kind: local
                tasks:
                  - instance_id: a__b-1
                    repo: a/b
                    base_commit: abcdef0
                    FAIL_TO_PASS: [test_a, 7]
                  - instance_id: a__b-2
                    base_commit: abc
                    environment: py
            scaffolds:
              r: {kind: reference}
            datasets:
              demo:
                sources: [inline]
                rollouts:
                  scaffolds: [r]
                  seeds: [1, two, 3]
            """,
        ["multi-type-values"] = """
            version: 1
            sources:
              inline:
                kind: local
                tasks:
                  - {instance_id: a__b-1, repo: a/b, base_commit: abcdef0, FAIL_TO_PASS: 7, PASS_TO_PASS: '["t1"]'}
            scaffolds:
              r: {kind: reference}
            datasets:
              a:
                sources: [inline]
                rollouts: {scaffolds: [r], seeds: 0}
              b:
                sources: [inline]
                rollouts: {scaffolds: [r], seeds: two}
              c:
                sources: [inline]
                rollouts: {scaffolds: [r], seeds: [1, 1]}
            """,
        ["wrong-shapes"] = """
            version: 1
            sources:
              a: local
              b: [kind, local]
              c:
            models: []
            scaffolds:
              r: {kind: reference, config: {anything: [goes, {here: 1}]}, limits: {steps: 0}}
            datasets: {}
            """,
        ["unclosed-flow-mapping-at-end"] = "version: 1\ndatasets: {",
        ["source-kind-branch"] = """
            version: 1
            sources:
              local:
                kind: local
                repos: [a/b]
              gh:
                kind: github
                repos: [a/b]
                created_after: 2024-13-45
                api_url: not a url
                token_env: ghp_1234-secret
              swe:
                kind: swebench
                path: data/lite.csv
            datasets:
              demo:
                sources: [local, gh, swe]
            """,
        ["ranges-and-semantics"] = """
            version: 1
            sources:
              local: {kind: local, path: x}
            verification:
              human: {fraction: 0.5, kappa_target: 1.2}
              grading: {stability_runs: 0}
            packaging:
              splits:
                fractions: {train: 0.8, test: 0.1}
            release:
              version: v1
            datasets:
              demo:
                sources: [local]
                packaging:
                  splits: {fractions: {train: 0.5, test: 0.6}}
            """,
        ["disk-limits"] = """
            version: 1
            sources:
              local: {kind: local, path: x}
            environments:
              small:
                base: {suite: bookworm}
                test: {command: pytest, parser: pytest}
                limits: {memory: 512m, disk: "0"}
              spaced:
                base: {suite: bookworm}
                test: {command: pytest, parser: pytest}
                limits:
                  disk: 10 GB
            datasets:
              demo:
                sources: [local]
            """,
        ["anchor-errors"] = """
            version: 1
            sources:
              a: &src {kind: local, paht: x}
              b: *src
              c: *missing
            datasets:
              demo: {sources: [a, b]}
            """,
    };
}
