#!/usr/bin/env python3
"""Hand audit of the base texts the test-set generator uses (see README.md in this folder).

    # 1. list a fixed sample of base texts with what the engine finds in them, for review
    python3 tools/pii_testset/audit.py sample --shared ../shared --pii build/release/privacy/kapi_pii
    # 2. after writing the verdicts into base_audit_labels.txt, resolve them to offsets
    python3 tools/pii_testset/audit.py build --shared ../shared

base_audit_labels.txt (hand-written, the source of truth):

    @ complaints_municipal/train.jsonl:1018      a base text (source file:line), audited in full
    PERSON real 112-121                          real personal data in it: type, label, span
                                                 [start, end) in code points of the base text
    PERSON neutral 40-52                         a name that is not personal data (fictional,
                                                 long-dead historical) but is fine to mask
    ! PERSON Aziz                                an engine hit judged an error (informational)
    @@ complaints_municipal/train.jsonl:524      hit audit: only the engine's hits in this text
    PLATE real 30-40                             were judged (the text was not read in full)

Spans are offsets, never the text: the labels are about real people's data in the shared corpora,
and the repository does not copy it (`sample` prints each hit with its offsets to audit from).
An "@" block with no entity line means "read in full, holds no personal data". An "@@" block labels spans but says nothing
about the rest of the text ("full": false in the output). base_audit.jsonl (generated) holds, per base text,
its id, the first 12 hex digits of the SHA-1 of the base text (so a changed source is noticed),
the entities {type, start, end, label} in code points and the error notes.
"""
import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ['complaints_municipal', 'complaints_telecom', 'news_ttc3600', 'offensive_offenseval2020',
           'sentiment_movies_demirtas', 'offensive_teknofest2023']


def pool(shared):
    return {bid: (src, text) for src, bid, text in generate.load_texts(shared)}


def sample_ids(texts, per_source, seed):
    by = {}
    for bid, (src, _) in sorted(texts.items()):
        by.setdefault(src, []).append(bid)
    rng = random.Random(seed)
    out = []
    for src in SOURCES:
        out += rng.sample(by[src], min(per_source, len(by[src])))
    return out


def cmd_sample(args):
    texts = pool(args.shared)
    ids = sample_ids(texts, args.per_source, args.seed)
    inp = ''.join(json.dumps({'id': i, 'text': texts[i][1]}, ensure_ascii=False) + '\n' for i in ids)
    res = subprocess.run([args.pii, 'scan'], input=inp, capture_output=True, text=True, check=True)
    hits = {}
    for line in res.stdout.splitlines():
        r = json.loads(line)
        hits[r['id']] = r.get('entities', [])
    for i in ids:
        print('@ %s' % i)
        print('  | ' + texts[i][1].replace('\n', '\n  | '))
        for e in hits.get(i, []):
            print('  ? %s %d-%d %s' % (e['type'], e['start'], e['end'], e['text']))
        print()


def parse_labels(path):
    blocks, cur = {}, None
    for raw in open(path, encoding='utf-8'):
        line = raw.rstrip('\n')
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        if line.startswith('@ ') or line.startswith('@@ '):
            full = line.startswith('@ ')
            cur = line.split(' ', 1)[1].strip()
            if cur in blocks:  # a hit audit of a text that was also read in full
                continue
            blocks[cur] = {'entities': [], 'errors': [], 'full': full}
            continue
        line = line.strip()
        if line.startswith('! '):
            typ, text = line[2:].split(' ', 1)
            blocks[cur]['errors'].append({'type': typ, 'text': text})
        else:
            typ, label, span = line.split(' ', 2)
            assert label in ('real', 'neutral'), line
            m = re.fullmatch(r'(\d+)-(\d+)', span)
            assert m, 'entity span must be START-END: ' + line
            blocks[cur]['entities'].append((typ, label, int(m.group(1)), int(m.group(2))))
    return blocks


def cmd_build(args):
    texts = pool(args.shared)
    blocks = parse_labels(args.labels)
    out = open(args.out, 'w', encoding='utf-8')
    n_ent = 0
    for bid, b in blocks.items():
        if bid not in texts:
            sys.exit('%s: not a base text of the generator' % bid)
        text = texts[bid][1]
        ents = []
        for typ, label, start, end in b['entities']:
            if not 0 <= start < end <= len(text):
                sys.exit('%s: span %d-%d outside the text (%d code points)' % (bid, start, end,
                                                                              len(text)))
            ents.append({'type': typ, 'start': start, 'end': end, 'label': label})
        ents.sort(key=lambda e: (e['start'], e['end']))
        n_ent += len(ents)
        rec = {'base': bid, 'source': texts[bid][0],
               'sha1': hashlib.sha1(text.encode('utf-8')).hexdigest()[:12],
               'full': b['full'], 'entities': ents, 'errors': b['errors']}
        out.write(json.dumps(rec, ensure_ascii=False) + '\n')
    print('%d base texts, %d labelled spans -> %s' % (len(blocks), n_ent, args.out))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('sample')
    s.add_argument('--shared', default='../shared')
    s.add_argument('--pii', default='build/release/privacy/kapi_pii')
    s.add_argument('--per-source', type=int, default=40)
    s.add_argument('--seed', default='base-audit-1')
    b = sub.add_parser('build')
    b.add_argument('--shared', default='../shared')
    b.add_argument('--labels', default=os.path.join(HERE, 'base_audit_labels.txt'))
    b.add_argument('--out', default=os.path.join(HERE, 'base_audit.jsonl'))
    args = ap.parse_args()
    {'sample': cmd_sample, 'build': cmd_build}[args.cmd](args)


if __name__ == '__main__':
    main()
