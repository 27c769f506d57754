"""z-scored mean of kapi_policy_train --dump-scores files on OffensEval: best dev threshold,
test at that threshold, dev AUC and average precision. Run from the directory holding the dumps:

  python3 run_ens.py nb1=s_nb1.tsv nb2=s_nb2.tsv:1.0 lr=s_lr.tsv:0.5    # name=file[:weight]
"""
import sys
from ens import *
# args: list of name=path[:weight]; path either dump tsv (5 cols) or ft probs "split<TAB>id<TAB>score"
views = []
for a in sys.argv[1:]:
    name, spec = a.split('=')
    path, _, w = spec.partition(':')
    views.append((name, load_dump(path), float(w or 1)))
keys = {s: [k for k in views[0][1] if k[0] == s] for s in ('dev', 'test')}
stats = []
for name, d, w in views:
    dv = [d[k][1] for k in keys['dev']]
    m = sum(dv)/len(dv); sd = (sum((x-m)**2 for x in dv)/len(dv))**.5
    stats.append((m, sd))
def comb(k):
    return sum(w*(d[k][1]-m)/sd for (name, d, w), (m, sd) in zip(views, stats)) / sum(w for _,_,w in views)
res = {}
for s in ('dev', 'test'):
    res[s] = ([comb(k) for k in keys[s]], [views[0][1][k][0] for k in keys[s]])
f, thr = best_thr(*res['dev'])
print(f"dev {f:.4f} thr {thr:.3f} test {f1_at(*res['test'], thr):.4f}  views {[n for n,_,_ in views]}")
def auc(scores, truth):
    pairs = sorted(zip(scores, truth))
    r = 0; npos = sum(truth); nneg = len(truth) - npos; rank_sum = 0
    for i, (s, t) in enumerate(pairs):
        if t: rank_sum += i + 1
    return (rank_sum - npos*(npos+1)/2) / (npos*nneg)
def ap(scores, truth):
    pairs = sorted(zip(scores, truth), reverse=True); tp = 0; s = 0
    for i, (_, t) in enumerate(pairs):
        if t: tp += 1; s += tp/(i+1)
    return s / sum(truth)
print(f"   dev AUC {auc(*res['dev']):.4f} AP {ap(*res['dev']):.4f}")
