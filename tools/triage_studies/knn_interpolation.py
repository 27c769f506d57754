#!/usr/bin/env python3
"""Would a memory-based (kNN) view next to the linear model help sentiment? (docs/triage.md,
fourth round.)

For every text, its nearest neighbours by TF-IDF cosine (words, word bigrams, character 5-grams
of words) among texts of the *other* folds of `kapi eval --dump-oof`, then the linear model's
out-of-fold probabilities interpolated with the neighbours' label distribution,
p = (1 - λ)·p_linear + λ·p_kNN, over a small grid of k, similarity power and λ. The best grid cell
is chosen in hindsight on the same predictions, so it is an upper bound of what the idea adds.

Run (about 6 minutes for the telecom set, pure Python):
  build/release/kapi eval --task sentiment --dump-oof /tmp/oof.jsonl
  python3 tools/triage_studies/knn_interpolation.py \
      ../shared/data/complaints_telecom/train.jsonl /tmp/oof.jsonl
"""
import collections
import json
import math
import re
import sys

data_path, oof_path = sys.argv[1], sys.argv[2]
rows = [json.loads(line) for line in open(data_path, encoding='utf-8')]
oof = [json.loads(line) for line in open(oof_path, encoding='utf-8')]
assert len(rows) == len(oof), 'the dump must come from the same data file'
n_classes = len(oof[0]['p'])


def features(text):
    text = text.replace('I', 'ı').replace('İ', 'i').lower()
    words = re.findall(r'\w+', text)
    counts = collections.Counter(words)
    counts.update(a + ' ' + b for a, b in zip(words, words[1:]))
    for w in words:
        w = '<' + w + '>'
        counts.update('#' + w[i:i + 5] for i in range(len(w) - 4))
    return counts


docs = [features(r['text']) for r in rows]
df = collections.Counter()
for d in docs:
    df.update(d.keys())
n = len(docs)
vectors = []
for d in docs:
    v = {k: (1 + math.log(c)) * math.log(n / df[k]) for k, c in d.items() if df[k] > 1}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    vectors.append({k: x / norm for k, x in v.items()})
postings = collections.defaultdict(list)
for i, v in enumerate(vectors):
    for k, x in v.items():
        postings[k].append((i, x))

K_MAX = 20
neighbours = []
for i, v in enumerate(vectors):
    scores = collections.defaultdict(float)
    fold = oof[i]['fold']
    for k, x in v.items():
        if len(postings[k]) > 2000:  # too common to discriminate; skipping keeps it fast
            continue
        for j, y in postings[k]:
            if oof[j]['fold'] != fold:
                scores[j] += x * y
    neighbours.append(sorted(scores.items(), key=lambda a: -a[1])[:K_MAX])


def macro_f1(pred):
    f1 = []
    for c in range(n_classes):
        tp = sum(1 for p, o in zip(pred, oof) if p == c and o['y'] == c)
        fp = sum(1 for p, o in zip(pred, oof) if p == c and o['y'] != c)
        fn = sum(1 for p, o in zip(pred, oof) if p != c and o['y'] == c)
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1) / n_classes


def argmax(xs):
    return max(range(len(xs)), key=lambda c: xs[c])


print('linear alone', round(macro_f1([argmax(o['p']) for o in oof]), 4))
for k in (5, 10, 20):
    for power in (1, 2, 4):
        knn = []
        for nb in neighbours:
            dist = [1e-9] * n_classes
            for j, s in nb[:k]:
                dist[oof[j]['y']] += s ** power
            total = sum(dist)
            knn.append([x / total for x in dist])
        for lam in (0.2, 0.35, 0.5):
            pred = [argmax([(1 - lam) * o['p'][c] + lam * q[c] for c in range(n_classes)])
                    for o, q in zip(oof, knn)]
            print(f'k={k} power={power} lambda={lam}: {macro_f1(pred):.4f}')
