#!/usr/bin/env python3
"""Builds the unlabelled Turkish corpus for fastText skipgram embeddings (docs/policy.md).

  python3 policy/train/embed/build_corpus.py ../shared SPLIT_PREFIX > corpus.txt

SPLIT_PREFIX is the --dump-split prefix of kapi_policy_train: its *train.txt file supplies the
OffensEval/Teknofest rows of the train split only (already folded by the C++ Fold), so no dev or
test text of the labelled sets enters the embeddings. Every other Turkish text under data/ is
folded here the same way (Turkish lower case, asciified, letter runs cut to two) and tokenized
like the vectorizer (runs of letters/digits/@/#; digits -> 0). Output is deterministic.
"""
import csv, json, re, sys, unicodedata

ASCII = {0x131: 'i', 0xee: 'i', 0xef: 'i', 0xed: 'i', 0xec: 'i', 0x15f: 's', 0x219: 's',
         0x11f: 'g', 0xfc: 'u', 0xfb: 'u', 0xfa: 'u', 0xf9: 'u', 0xf6: 'o', 0xf4: 'o', 0xf3: 'o',
         0xf2: 'o', 0xe7: 'c', 0xe2: 'a', 0xe1: 'a', 0xe0: 'a', 0xe4: 'a', 0xe3: 'a', 0xe9: 'e',
         0xe8: 'e', 0xea: 'e', 0xeb: 'e', 0xf1: 'n'}


def fold(text):
    out, prev, run = [], '', 0
    for ch in text:
        if ch == 'I':
            f = 'i'
        elif ch == '\u0130':
            f = 'i'
        elif ord(ch) < 0x80:
            f = ch.lower()
        else:
            low = ch.lower()
            if len(low) != 1:
                low = ch
            f = ASCII.get(ord(low), low)
            if unicodedata.category(f) in ('Mn', 'Me', 'Cf'):
                continue
        if f == prev:
            run += 1
            if run > 2 and not f.isdigit():
                continue
        else:
            run = 1
        prev = f
        out.append(f)
    return ''.join(out)


TOKEN = re.compile(r"[a-z0-9@#\u0080-\U0010ffff]+")


def tokens(folded):
    return ' '.join(re.sub('[0-9]', '0', t) for t in TOKEN.findall(folded))


def emit(text, already_folded=False):
    t = tokens(text if already_folded else fold(text))
    if t:
        print(t)


def main():
    shared, prefix = sys.argv[1], sys.argv[2]
    data = shared + '/data/'
    with open(prefix + 'train.txt', encoding='utf-8') as f:
        for line in f:
            label_text, source, _id = line.rstrip('\n').split('\t')
            if source in ('offenseval', 'teknofest'):
                emit(label_text.split(' ', 1)[1] if ' ' in label_text else '', True)
    for path in ('news_ttc3600/all.jsonl', 'complaints_municipal/train.jsonl',
                 'complaints_telecom/train.jsonl', 'sentiment_movies_demirtas/all.jsonl'):
        with open(data + path, encoding='utf-8') as f:
            for line in f:
                for sent in re.split(r'(?<=[.!?])\s+', json.loads(line)['text']):
                    emit(sent)
    for path in ('Sentiment_dataset_turk.csv', 'Turkish_twitter_train.csv',
                 'Turkish_twitter_test.csv'):
        with open(data + 'sentiment_aydin/' + path, encoding='utf-8', newline='') as f:
            for row in csv.reader(f):
                if row and row[0] != 'Text':
                    emit(row[0])
    for path in ('train.conll', 'dev.conll', 'test.conll'):
        words = []
        with open(data + 'ner_wiki/' + path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if not line:
                    if words:
                        emit(' '.join(words))
                    words = []
                else:
                    words.append(line.split('\t')[0].split(' ')[0])
        if words:
            emit(' '.join(words))


if __name__ == '__main__':
    main()
