"""The Python baseline of the import benchmark: the standard json module, nothing else.

JSON Lines files: json.loads each line and json.dumps it to the output, one line each.
Other files (one document each, such as .traj): json.load the file and json.dump it to the output.
Usage: python3 json_baseline.py LIST_FILE OUTPUT_FILE  (LIST_FILE: one input path per line).
Prints one JSON line: bytes read, records, seconds, peak RSS in KiB: VmHWM from /proc/self/status (ru_maxrss is
not used on Linux: it keeps the parent's peak across fork and exec, so it would report the benchmark's own memory).
"""
import json
import os
import resource
import sys
import time


def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    list_file, output_file = sys.argv[1], sys.argv[2]
    with open(list_file, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    records = 0
    size = 0
    start = time.perf_counter()
    with open(output_file, "w", encoding="utf-8") as out:
        for path in paths:
            size += os.path.getsize(path)
            if path.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        if not line.strip():
                            continue
                        out.write(json.dumps(json.loads(line)))
                        out.write("\n")
                        records += 1
            else:
                with open(path, encoding="utf-8") as f:
                    document = json.load(f)
                json.dump(document, out)
                out.write("\n")
                records += 1
    seconds = time.perf_counter() - start
    peak = peak_kib()
    print(json.dumps({"bytes": size, "records": records, "seconds": seconds, "peak_kib": peak}))


if __name__ == "__main__":
    main()
