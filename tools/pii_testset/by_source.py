#!/usr/bin/env python3
"""Per-source and held-out-name breakdown of an evaluation.

    kapi_pii eval SET --errors ERRORS    (or kapi pii eval)
    python3 tools/pii_testset/by_source.py SET ERRORS

Prints, per base-text source, the PERSON/ADDRESS/PLATE gold count, misses and false hits (false
hits on real base texts are often real names, addresses or plates the generator did not plant),
and the share of clean records the detector altered.
"""
import collections
import json
import sys


def main():
    recs = {}
    for line in open(sys.argv[1], encoding='utf-8'):
        r = json.loads(line)
        recs[r['id']] = r
    errs = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
    gold = collections.Counter()
    for r in recs.values():
        for e in r['entities']:
            gold[(r.get('source', '?'), e['type'])] += 1
    miss = collections.Counter()
    false = collections.Counter()
    altered = set()
    for e in errs:
        r = recs.get(e['id'])
        if r is None:
            continue
        key = (r.get('source', '?'), e['type'])
        if e['kind'] == 'miss':
            miss[key] += 1
        else:
            false[key] += 1
            if not r['entities']:
                altered.add(e['id'])
    clean = collections.Counter(r.get('source', '?') for r in recs.values() if not r['entities'])
    alt = collections.Counter(recs[i].get('source', '?') for i in altered)
    sources = sorted({s for s, _ in gold} | set(clean))
    print('%-26s %-8s %5s %5s %6s' % ('source', 'type', 'gold', 'miss', 'false'))
    for s in sources:
        for t in ('PERSON', 'ADDRESS', 'PLATE'):
            print('%-26s %-8s %5d %5d %6d' % (s, t, gold[(s, t)], miss[(s, t)], false[(s, t)]))
        print('%-26s clean texts altered: %d / %d' % (s, alt[s], clean[s]))


if __name__ == '__main__':
    main()
