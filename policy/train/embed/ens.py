"""Helpers for the score-dump experiments (docs/policy.md): dump loading, macro-F1 threshold."""
import sys, math
def load_dump(path):
    d = {}
    for line in open(path):
        src, id_, split, truth, s = line.rstrip('\n').split('\t')
        if src == 'offenseval': d[(split, id_)] = (int(truth), float(s))
    return d
def macro(tp, fp, fn, tn):
    def f1(tp, fp, fn):
        return 2*tp/(2*tp+fp+fn) if tp else 0.0
    return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2
def best_thr(scores, truth):
    pairs = sorted(zip(scores, truth), reverse=True)
    P = sum(truth); N = len(truth) - P
    tp = fp = 0; best = (-1, None)
    for i, (s, t) in enumerate(pairs):
        if t: tp += 1
        else: fp += 1
        if i + 1 < len(pairs) and pairs[i+1][0] == s: continue
        m = macro(tp, fp, P - tp, N - fp)
        nxt = pairs[i+1][0] if i + 1 < len(pairs) else s - 1
        if m > best[0]: best = (m, (s + nxt) / 2)
    return best
def f1_at(scores, truth, thr):
    tp = sum(1 for s, t in zip(scores, truth) if s > thr and t)
    fp = sum(1 for s, t in zip(scores, truth) if s > thr and not t)
    fn = sum(1 for s, t in zip(scores, truth) if s <= thr and t)
    tn = len(truth) - tp - fp - fn
    return macro(tp, fp, fn, tn)
