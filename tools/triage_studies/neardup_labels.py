#!/usr/bin/env python3
"""How often does a municipal complaint have a near-duplicate elsewhere in the set, and do the two
share a label? (docs/triage.md, third round: kNN over near-duplicate neighbours for "Diğer".)

Shingles as DuplicateIndex uses them (lower-cased words and word bigrams, numbers left out);
for each text the best Jaccard neighbour among texts sharing a rare shingle.

Run: python3 tools/triage_studies/neardup_labels.py [../shared/data/complaints_municipal/train.jsonl]
"""
import collections
import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/complaints_municipal/train.jsonl'
rows = [json.loads(line) for line in open(path, encoding='utf-8')]
labels = [r['label'] for r in rows]


def shingles(text):
    words = [w for w in re.findall(r'\w+', text.replace('I', 'ı').replace('İ', 'i').lower())
             if not w.isdigit()]
    return set(words) | set(zip(words, words[1:]))


sets = [shingles(r['text']) for r in rows]
index = collections.defaultdict(list)
for i, s in enumerate(sets):
    for x in s:
        index[x].append(i)
best = []
for i, s in enumerate(sets):
    shared = collections.Counter(j for x in s if len(index[x]) < 50 for j in index[x] if j != i)
    cand = [(len(s & sets[j]) / len(s | sets[j]), j) for j, _ in shared.most_common(5)]
    best.append(max(cand) if cand else (0.0, -1))
print(f'{len(rows)} texts')
for threshold in (0.3, 0.4, 0.5, 0.6, 0.8):
    hit = [i for i in range(len(rows)) if best[i][0] >= threshold]
    same = sum(labels[i] == labels[best[i][1]] for i in hit)
    other = sum(labels[i] == 'Diğer' for i in hit)
    print(f'Jaccard >= {threshold}: {len(hit)} texts ({len(hit) / len(rows):.1%}) have a neighbour; '
          f'same label {same / max(1, len(hit)):.1%}; of them Diğer: {other}')
