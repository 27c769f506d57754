"""Paired comparison of NB-SVMs with and without skipgram features over six dev folds (the normal
dev split plus kapi_policy_train --dev-bucket 2..6); file names as in docs/policy.md. Run from the
dump directory next to run_ens.py and ens.py."""
import subprocess, statistics as st, os
folds = {1: dict(nb1='s_nb1.tsv', nb1d='s_nb1_d05.tsv', nb2='s_nb2.tsv', nb2d='s_nb2_d05.tsv')}
for b in range(2, 7):
    f = {k: f'cv_{k}_{b}.tsv' for k in ('nb1', 'nb1d', 'nb2', 'nb2d')}
    if all(os.path.exists(v) and os.path.getsize(v) > 0 for v in f.values()) and all(
        'test off' in open(v.replace('.tsv', '.log')).read() for v in f.values()):
        folds[b] = f
def run(*args):
    out = subprocess.run(['python3', 'run_ens.py', *args], capture_output=True, text=True).stdout.split()
    return float(out[1]), float(out[out.index('AUC') + 1]), float(out[out.index('AP') + 1])
rows = {}
for b, f in folds.items():
    rows[b] = {
        'nb1': run(f"a={f['nb1']}"), 'nb1d': run(f"a={f['nb1d']}"),
        'nb2': run(f"a={f['nb2']}"), 'nb2d': run(f"a={f['nb2d']}"),
        'ens': run(f"a={f['nb1']}", f"b={f['nb2']}"), 'ensd': run(f"a={f['nb1d']}", f"b={f['nb2d']}"),
    }
    print(b, ' '.join(f"{k}={v[0]:.4f}/{v[2]:.4f}" for k, v in rows[b].items()))
for base, new in (('nb1', 'nb1d'), ('nb2', 'nb2d'), ('ens', 'ensd')):
    for i, name in enumerate(('F1', 'AUC', 'AP')):
        d = [rows[b][new][i] - rows[b][base][i] for b in rows]
        m = st.mean(d); sd = st.stdev(d) if len(d) > 1 else 0
        print(f"{new}-{base} {name}: mean {m:+.4f} sd {sd:.4f} (n={len(d)}) mean base {st.mean(rows[b][base][i] for b in rows):.4f}")
