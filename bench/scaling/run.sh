#!/usr/bin/env bash
# Scaling measurements for docs/scaling.md, on this machine's Docker Engine and a local nginx WebDAV cache:
#   1. Reproduce throughput of one engine (tasks per hour) at --jobs 1, 2 and 4, over COPIES x 3 demo tasks;
#   2. the whole demo built once, as two sharded legs sharing the cache, and assembled by a read-only build;
#   3. cache hit rates on a fresh machine after typical manifest changes.
# Usage: bench/scaling/run.sh [--copies N] [--out FILE]     (needs docker, nginx, python3; about 5 minutes)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies=8
out="$root/artifacts/bench/scaling.md"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --copies) copies="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n 2,6p "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in docker nginx python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (apt-get install -y ${tool/docker/docker.io})" >&2; exit 1; }
done
docker info >/dev/null 2>&1 || { echo "error: no Docker Engine answers; start dockerd" >&2; exit 1; }

work="$(mktemp -d /tmp/trajbuild-scaling.XXXXXX)"
nginx_pid=""
cleanup() { [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "building trajbuild (Release)" >&2
dotnet build "$root/src/TrajectoryBuild.Cli" -c Release -v q -nologo >/dev/null
tb="$root/src/TrajectoryBuild.Cli/bin/Release/net10.0/trajbuild"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/nginx/data"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off; user root; worker_processes 1; error_log $work/nginx/error.log; pid $work/nginx/nginx.pid;
events { worker_connections 64; }
http { client_body_temp_path $work/nginx/body; access_log off;
  server { listen 127.0.0.1:$port; location /cache/ { root $work/nginx/data; dav_methods PUT; create_full_put_path on; client_max_body_size 1g; } } }
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & nginx_pid=$!
cache="http://127.0.0.1:$port/cache/"
sleep 1

# A copy of the demo in $work/$1; with a second argument N, its task file holds N copies of each demo task.
workspace() {
  mkdir -p "$work/$1"
  cp "$root/datasets.yaml" "$work/$1/"
  cp -r "$root/samples" "$work/$1/"
  if [[ $# -gt 1 ]]; then
    python3 - "$root/samples/tasks/tasks.jsonl" "$2" >"$work/$1/samples/tasks/tasks.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
for copy in range(int(sys.argv[2])):
    for task, row in enumerate(rows):
        row = dict(row)
        row["instance_id"] = f"{row['instance_id']}{copy:03d}"
        # A gold patch of its own (it also adds a note file), so mining does not drop the copy as a near-duplicate.
        lines = [f"note t{task}c{copy}n{i} a{task}b{copy}c{i} d{task}e{copy}f{i}" for i in range(60)]
        name = f"copy_{copy:03d}.txt"
        row["patch"] += f"diff --git a/{name} b/{name}\nnew file mode 100644\n--- /dev/null\n+++ b/{name}\n@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{l}\n" for l in lines)
        print(json.dumps(row, sort_keys=True))
PY
  fi
  echo "$work/$1/datasets.yaml"
}

# Runs trajbuild, prints "<wall seconds> <built> <restored> <targets> <sum of Reproduce/<task> seconds> <reproduced tasks>".
measure() {
  local manifest="$1"; shift
  local start end
  start="$(date +%s.%N)"
  "$tb" build --manifest "$manifest" "$@" >"$manifest.log" 2>&1 || { echo "error: trajbuild build failed; see $manifest.log" >&2; tail -20 "$manifest.log" >&2; exit 1; }
  end="$(date +%s.%N)"
  python3 - "$(dirname "$manifest")/.trajbuild/runs/last.json" "$start" "$end" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
targets = run["targets"]
built = sum(t["outcome"] in ("Built", "BuiltUnchanged") for t in targets)
restored = sum(t["outcome"] == "Restored" for t in targets)
tasks = [t for t in targets if t["target"].startswith("Reproduce/") and not t["target"].startswith("Reproduce/dataset/") and t["outcome"] in ("Built", "BuiltUnchanged")]
print(f"{float(sys.argv[3]) - float(sys.argv[2]):.1f} {built} {restored} {len(targets)} {sum(t['seconds'] for t in tasks):.1f} {len(tasks)}")
PY
}

mkdir -p "$(dirname "$out")"
{
  echo "# Scaling measurements"
  echo
  echo "\`bench/scaling/run.sh --copies $copies\`, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Docker Engine $(docker version --format '{{.Server.Version}}'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "## Reproduce on one engine ($((copies * 3)) tasks: $copies copies of each demo task)"
  echo
  echo "| --jobs | wall s | tasks | tasks per hour | mean s per task (its own target) |"
  echo "|---:|---:|---:|---:|---:|"
} >"$out"

for jobs in 1 2 4; do
  echo "Reproduce, --jobs $jobs" >&2
  manifest="$(workspace "reproduce-j$jobs" "$copies")"
  read -r wall _ _ _ seconds tasks < <(measure "$manifest" --stage Reproduce --jobs "$jobs")
  python3 -c "print(f'| $jobs | $wall | $tasks | {$tasks / $wall * 3600:.0f} | {$seconds / max($tasks, 1):.1f} |')" >>"$out"
done

{
  echo
  echo "## The demo: whole, sharded, assembled from the cache"
  echo
  echo "| build | wall s | built | restored | targets |"
  echo "|---|---:|---:|---:|---:|"
} >>"$out"
echo "whole demo" >&2
read -r wall built restored targets _ _ < <(measure "$(workspace whole)" --jobs 2)
echo "| whole, one process, --jobs 2 | $wall | $built | $restored | $targets |" >>"$out"
echo "two legs" >&2
leg1="$(workspace leg1)"; leg2="$(workspace leg2)"
start="$(date +%s.%N)"
measure "$leg1" --jobs 2 --shard 1/2 --cache-url "$cache" >"$work/leg1.txt" & p1=$!
measure "$leg2" --jobs 2 --shard 2/2 --cache-url "$cache" >"$work/leg2.txt" & p2=$!
wait "$p1" "$p2"
both="$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")"
for leg in 1 2; do
  read -r wall built restored targets _ _ <"$work/leg$leg.txt"
  echo "| leg $leg/2 (same engine, --jobs 2, both at once) | $wall | $built | $restored | $targets |" >>"$out"
done
echo "| both legs, first start to last end | $both | | | |" >>"$out"
echo "package build (fresh folder, --cache-read-only)" >&2
read -r wall built restored targets _ _ < <(measure "$(workspace package)" --cache-url "$cache" --cache-read-only)
echo "| package job: fresh folder, read-only cache | $wall | $built | $restored | $targets |" >>"$out"

{
  echo
  echo "## Cache hit rate on a fresh machine after a change (read-write cache, filled by the builds above)"
  echo
  echo "| change in datasets.yaml | wall s | built | restored | targets | hit rate |"
  echo "|---|---:|---:|---:|---:|---:|"
} >>"$out"
scenario() {
  local name="$1" sed_expr="$2" manifest
  echo "change: $name" >&2
  manifest="$(workspace "change-${name// /-}")"
  sed -i "$sed_expr" "$manifest"
  read -r wall built restored targets _ _ < <(measure "$manifest" --jobs 2 --cache-url "$cache")
  python3 -c "print(f'| $name | $wall | $built | $restored | $targets | {$restored / $targets:.0%} |')" >>"$out"
}
scenario "none" 's/^epoch: 0$/epoch: 0/'
scenario "model temperature 0.0 to 0.2" 's/      temperature: 0.0/      temperature: 0.2/'
scenario "gate threshold 0.5 to 0.6" 's/    threshold: 0.5 /    threshold: 0.6 /'
scenario "test command adds -q" 's/command: python3 -m pytest -rA -p no:cacheprovider/command: python3 -m pytest -rA -q -p no:cacheprovider/'
echo >>"$out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
cat "$out"
