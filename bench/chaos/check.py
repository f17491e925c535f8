#!/usr/bin/env python3
"""bench/chaos.sh's reading of the CLI's JSON (sweep-status --json, show --json). Subcommands:

  workers STATUS.json          the sweep's live workers: "PID TRIAL" per line (TRIAL is - when idle)
  running STATUS.json          the ids of the trials that are running
  state STATUS.json            the sweep's state (running, completed, failed, ...)
  epochs STATUS.json           the number of epochs recorded over all trials
  snapshot STATUS.json         each trial's epochs as recorded (from export.json beside STATUS.json)
  report DIR                   compares the rounds' trials with the reference and prints the table and
                               the last line; DIR holds round-*/ and reference/ (each: status.json from
                               sweep-status --json and export.json from export --sweep, or show-RUN.json
                               per trial), kills.tsv (round, target, trials) and snapshot-ROUND.json
"""
import glob
import json
import os
import sys

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


def load(path):
    with open(path) as f:
        return json.load(f)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except (ProcessLookupError, PermissionError):
        return False


def key(params):
    return json.dumps(params, sort_keys=True)


def trials_of(folder):
    """params-key -> (status trial, show document or None)"""
    status = load(os.path.join(folder, "status.json"))
    runs = {}
    if os.path.exists(os.path.join(folder, "export.json")):
        runs = {r["id"]: r for r in load(os.path.join(folder, "export.json"))["runs"]}
    out = {}
    for t in status["trials"]:
        show = os.path.join(folder, f"show-{t['id']}.json")
        out[key(t["params"])] = (t, load(show) if os.path.exists(show) else runs.get(t["id"]))
    return status, out


def epoch_values(show):
    """epoch -> list of metric dicts (more than one when an epoch is listed twice)"""
    by = {}
    listed = show.get("epoch_metrics")
    if listed is None and isinstance(show.get("epochs"), list):   # export's form
        listed = show["epochs"]
    for m in listed or []:
        by.setdefault(m["epoch"], []).append({k: m.get(k) for k in METRICS})
    return by


def report(work):
    expected_epochs = int(os.environ.get("CHAOS_EPOCHS", "4"))
    _, ref = trials_of(os.path.join(work, "reference"))
    kills = {}
    total_kills = 0
    with open(os.path.join(work, "kills.tsv")) as f:
        for line in f:
            rnd, target, trial = line.rstrip("\n").split("\t")
            total_kills += 1
            for t in trial.split(","):
                if t and t != "-":
                    kills[(rnd, t)] = kills.get((rnd, t), 0) + 1
    # Epochs committed before the database server was killed, which must still be there, unchanged.
    snapshots = {}
    for path in glob.glob(os.path.join(work, "snapshot-*.json")):
        rnd = os.path.basename(path)[len("snapshot-"):-len(".json")]
        snapshots[rnd] = load(path)

    lost = dup = failed = mismatched = 0
    rows = []
    notes = []
    for rdir in sorted(glob.glob(os.path.join(work, "round-*"))):
        rnd = os.path.basename(rdir)[len("round-"):]
        status, trials = trials_of(rdir)
        if status.get("status") != "completed":
            notes.append(f"round {rnd}: sweep {status.get('id')} ended {status.get('status')}: {status.get('reason')}")
        for k, (t, show) in sorted(trials.items(), key=lambda kv: kv[1][0]["number"]):
            by = epoch_values(show) if show else {}
            t_lost = [e for e in range(1, expected_epochs + 1) if e not in by]
            t_dup = sum(len(v) - 1 for v in by.values())
            extra = [e for e in by if e < 1 or e > expected_epochs]
            if t.get("epochs") != len(by):
                notes.append(f"round {rnd} {t['id']}: sweep-status says {t.get('epochs')} epochs, show lists {len(by)}")
            ok_status = t["status"] == "completed" and show is not None and show.get("status") == "completed"
            # The snapshot taken before the database server died: each epoch it had must be there, the same.
            snap_lost = 0
            for s in (snapshots.get(rnd) or {}).get(t["id"], []):
                now = by.get(s["epoch"])
                if not now or now[0] != {m: s.get(m) for m in METRICS}:
                    snap_lost += 1
                    notes.append(f"round {rnd} {t['id']}: epoch {s['epoch']} committed before the kill of db serve is "
                                 + ("gone" if not now else f"changed: {s} -> {now[0]}"))
            match = "-"
            r = ref.get(k)
            if r is None or r[1] is None:
                match = "no reference"
            else:
                rby = epoch_values(r[1])
                diffs = []
                for e in sorted(set(rby) | set(by)):
                    a, b = (rby.get(e) or [None])[0], (by.get(e) or [None])[0]
                    if a is None or b is None:
                        diffs.append(f"epoch {e} missing on one side")
                        continue
                    for m in METRICS:
                        if a[m] != b[m]:
                            diffs.append(f"epoch {e} {m} {b[m]!r} vs {a[m]!r} uninterrupted")
                if show and r[1].get("test_accuracy") != show.get("test_accuracy"):
                    diffs.append(f"test_accuracy {show.get('test_accuracy')!r} vs {r[1].get('test_accuracy')!r} uninterrupted")
                match = "yes" if not diffs else "NO"
                if diffs:
                    notes.append(f"round {rnd} {t['id']} ({t['params']}): " + "; ".join(diffs[:6])
                                 + (f" (+{len(diffs) - 6} more)" if len(diffs) > 6 else ""))
            lost += len(t_lost) + snap_lost
            dup += t_dup
            failed += 0 if ok_status else 1
            mismatched += 0 if match == "yes" else 1
            params = " ".join(f"{p}={v}" for p, v in sorted(t["params"].items()))
            rows.append((rnd, t["id"], t["status"], len(by), t.get("attempts"), kills.get((rnd, t["id"]), 0),
                         ",".join(map(str, t_lost)) or "0", t_dup, ",".join(map(str, extra)) or "-", match, params))
    print()
    print("%-6s %-5s %-10s %6s %8s %5s %6s %4s %6s %6s  %s" % ("round", "trial", "status", "epochs", "attempts", "kills",
                                                             "lost", "dup", "extra", "match", "parameters"))
    for row in rows:
        print("%-6s %-5s %-10s %6s %8s %5s %6s %4s %6s %6s  %s" % row)
    for n in notes:
        print("note: " + n)
    print(f"kills=%d lost_epochs=%d duplicate_epochs=%d failed_trials=%d mismatched_trials=%d"
          % (total_kills, lost, dup, failed, mismatched))


def main(argv):
    cmd = argv[0]
    if cmd == "report":
        report(argv[1])
        return 0
    status = load(argv[1])
    if cmd == "workers":
        for w in status.get("workers") or []:
            if w.get("state") not in ("exited", "lost") and w.get("pid") and alive(int(w["pid"])):
                print(w["pid"], w.get("trial") or "-")
    elif cmd == "running":
        print(",".join(t["id"] for t in status["trials"] if t["status"] == "running") or "-")
    elif cmd == "state":
        print(status.get("status"))
    elif cmd == "epochs":
        print(sum(t.get("epochs") or 0 for t in status["trials"]))
    elif cmd == "snapshot":   # STATUS.json: trial -> its epochs as recorded now (from the folder's export or shows)
        _, trials = trials_of(os.path.dirname(os.path.abspath(argv[1])))
        out = {}
        for t, doc in trials.values():
            if doc is not None:
                out[t["id"]] = [{"epoch": e, **v[0]} for e, v in sorted(epoch_values(doc).items())]
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
