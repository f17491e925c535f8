"""Reads `workbench sweep-status ID --json` (stdin) for bench/scheduling.sh and prints one line:

  <trials ended> <pruned> <first trial start ms> <last trial end ms> <sweep created ms>
  <in-trial median ms, first fifth> <in-trial median ms, last fifth> <between-trials median ms>
  <workers> <trials per worker, comma-separated>

Trial times are the database's: a trial's started_at is set by the claim that creates (or takes) it,
its ended_at by its finish. "In-trial" (started_at -> ended_at, one worker's trials) covers describe
run, the recorded epochs with their pruner checks, and finish; "between trials" (one worker's
ended_at -> its next trial's started_at) covers closing the trial (log artifact) and the next claim
(reading the sweep's history, sampling, inserting the trial).
"""
import json
import statistics
import sys


def main():
    doc = json.load(sys.stdin)
    trials = [t for t in doc["trials"] if t.get("started_at") is not None and t.get("ended_at") is not None]
    if not trials:
        raise SystemExit("the sweep has no ended trials")
    first = min(t["started_at"] for t in trials)
    last = max(t["ended_at"] for t in trials)
    pruned = sum(t["status"] == "pruned" for t in trials)
    by_worker = {}
    for t in trials:
        by_worker.setdefault(t.get("worker") or "?", []).append(t)
    inside, between = [], []
    for ts in by_worker.values():
        ts.sort(key=lambda t: t["started_at"])
        inside.extend((t["started_at"], t["ended_at"] - t["started_at"]) for t in ts)
        between.extend(b["started_at"] - a["ended_at"] for a, b in zip(ts, ts[1:]))
    inside.sort()
    fifth = max(1, len(inside) // 5)
    early = statistics.median(d for _, d in inside[:fifth])
    late = statistics.median(d for _, d in inside[-fifth:])
    gap = statistics.median(between) if between else 0
    per_worker = ",".join(str(len(ts)) for ts in by_worker.values())
    print(len(trials), pruned, first, last, doc["created_at"], early, late, gap, len(by_worker), per_worker)


if __name__ == "__main__":
    main()
