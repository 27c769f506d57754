#!/usr/bin/env python3
"""Helper of embeddings_stack.sh (docs/triage.md, third round).

  embeddings_prep.py corpus DIR           → DIR/corpus.txt: all Turkish text of ../shared/data,
                                            lower-cased (Turkish I/İ), words, numbers → '#'
  embeddings_prep.py rows DIR TASK SEED   → DIR/TASK_rows_sSEED.txt: "y fold log(p_oof)… mean(v)…
                                            max(v)…" per row (TASK: topic | sent), word vectors
                                            from DIR/emb.bin (fastText print-word-vectors, so
                                            unseen words get subword vectors)
"""
import csv
import glob
import json
import math
import re
import subprocess
import sys

SHARED = '../shared/data'


def words(text):
    text = text.replace('I', 'ı').replace('İ', 'i').lower()
    return ['#' if w.isdigit() else w for w in re.findall(r'\w+', text)]


def corpus(out_dir):
    n = 0
    with open(f'{out_dir}/corpus.txt', 'w', encoding='utf-8') as out:
        def put(text):
            nonlocal n
            if text:
                out.write(' '.join(words(text)) + '\n')
                n += 1
        for path in sorted(glob.glob(f'{SHARED}/*/*.jsonl')):
            for line in open(path, encoding='utf-8'):
                try:
                    put(json.loads(line).get('text') or '')
                except json.JSONDecodeError:
                    pass
        for path in sorted(glob.glob(f'{SHARED}/sentiment_aydin/*.csv')):
            for row in csv.reader(open(path, encoding='utf-8', errors='ignore')):
                if row:
                    put(row[0])
        for path in sorted(glob.glob(f'{SHARED}/ner_wiki/*.conll')):
            sentence = []
            for line in open(path, encoding='utf-8'):
                line = line.strip()
                if line:
                    sentence.append(line.split('\t')[0])
                elif sentence:
                    put(' '.join(sentence))
                    sentence = []
    print(f'{n} texts → {out_dir}/corpus.txt')


def rows(out_dir, task, seed):
    data = {'topic': f'{SHARED}/complaints_municipal/train.jsonl',
            'sent': f'{SHARED}/complaints_telecom/train.jsonl'}[task]
    texts = [words(json.loads(line)['text']) for line in open(data, encoding='utf-8')]
    vocab = sorted({w for ws in texts for w in ws})
    out = subprocess.run(['fasttext', 'print-word-vectors', f'{out_dir}/emb.bin'],
                         input='\n'.join(vocab) + '\n', capture_output=True, text=True,
                         check=True).stdout.splitlines()
    vec = {}
    for line in out:
        parts = line.rstrip().split(' ')
        vec[parts[0]] = [float(x) for x in parts[1:]]
    dim = len(next(iter(vec.values())))
    oof = [json.loads(line) for line in open(f'{out_dir}/{task}_oof_s{seed}.jsonl')]
    assert len(oof) == len(texts), 'out-of-fold rows must be the data rows in order'
    with open(f'{out_dir}/{task}_rows_s{seed}.txt', 'w') as f:
        for ws, o in zip(texts, oof):
            vs = [vec[w] for w in ws if w in vec] or [[0.0] * dim]
            mean = [sum(v[d] for v in vs) / len(vs) for d in range(dim)]
            top = [max(v[d] for v in vs) for d in range(dim)]
            logp = [math.log(max(p, 1e-9)) for p in o['p']]
            f.write(' '.join([str(o['y']), str(o['fold'])] +
                             [f'{x:.5g}' for x in logp + mean + top]) + '\n')


if __name__ == '__main__':
    if sys.argv[1] == 'corpus':
        corpus(sys.argv[2])
    else:
        rows(sys.argv[2], sys.argv[3], sys.argv[4])
