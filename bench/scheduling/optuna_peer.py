"""The Optuna side of bench/scheduling.sh: the same bookkeeping-only sweep through Optuna's RDB
storage on SQLite with its TPESampler.

  optuna_peer.py create DB_FILE PRUNER               create the study (PRUNER: none | median)
  optuna_peer.py work DB_FILE TRIALS PRUNER SEED     load the study, run TRIALS trials in this process
                                                     with TPESampler(seed=SEED)
  optuna_peer.py times DB_FILE                  print "<first start ms> <last end ms> <trials> <pruned>"

A trial samples the learning rate (log-uniform 1e-4..1e-2) and the batch size (32, 64, 128),
reports 5 intermediate values (asking the pruner after each when there is one) and returns; the
values are the same smooth function of the learning rate that the workbench's simulated epochs
record, so both TPEs see the same landscape. Nothing is trained.
"""
import math
import sys

import optuna
from optuna.pruners import MedianPruner, NopPruner
from optuna.samplers import TPESampler
from optuna.storages import RDBStorage

EPOCHS = 5
STUDY = "scheduling"


def storage(db_file):
    # A generous SQLite busy timeout: two processes share the file.
    return RDBStorage(f"sqlite:///{db_file}", engine_kwargs={"connect_args": {"timeout": 60}})


def pruner(name):
    # The workbench's median pruner with warmup_epochs 1, min_trials 3: epoch 1 (step 0) is never judged.
    return MedianPruner(n_startup_trials=3, n_warmup_steps=1) if name == "median" else NopPruner()


def objective(trial, prune):
    lr = trial.suggest_float("learning_rate", 1e-4, 1e-2, log=True)
    trial.suggest_categorical("batch_size", [32, 64, 128])
    quality = 1.0 / (1.0 + (math.log10(lr) + 2.5) ** 2)
    value = 0.0
    for step in range(EPOCHS):
        progress = 1 - math.exp(-(step + 1) / 2.0)
        value = 0.1 + 0.8 * progress * quality
        trial.report(value, step)
        if prune and trial.should_prune():
            raise optuna.TrialPruned()
    return value


def main(argv):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    mode, db_file = argv[1], argv[2]
    if mode == "create":
        optuna.create_study(study_name=STUDY, storage=storage(db_file), direction="maximize",
                            sampler=TPESampler(), pruner=pruner(argv[3]))
    elif mode == "work":
        trials, prune = int(argv[3]), argv[4] == "median"
        # Each process has its own sampler (a sampler is not stored with the study); the script
        # gives two processes different seeds so that they do not propose the same points.
        study = optuna.load_study(study_name=STUDY, storage=storage(db_file),
                                  sampler=TPESampler(seed=int(argv[5])), pruner=pruner(argv[4]))
        study.optimize(lambda t: objective(t, prune), n_trials=trials)
    elif mode == "times":
        study = optuna.load_study(study_name=STUDY, storage=storage(db_file))
        done = [t for t in study.get_trials(deepcopy=False) if t.datetime_complete is not None]
        start = min(t.datetime_start for t in done).timestamp() * 1000
        end = max(t.datetime_complete for t in done).timestamp() * 1000
        pruned = sum(t.state == optuna.trial.TrialState.PRUNED for t in done)
        print(f"{start:.0f} {end:.0f} {len(done)} {pruned}")
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
