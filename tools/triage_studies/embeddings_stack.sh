#!/bin/sh
# Third-round study (docs/triage.md): do unsupervised fastText skipgram embeddings, trained on all
# Turkish text in ../shared/data, add anything to the shipped linear models? Stacking check: a
# logistic regression over [log out-of-fold probabilities of the shipped configuration] (arm A)
# vs the same + mean- and max-pooled word vectors (arm B), cross-validated on the same folds.
# Run from the repository root after building kapi_triage_tool (release preset). Needs the
# Debian `fasttext` CLI. Takes ~10 min of one core (skipgram training dominates).
set -eu
T=${T:-build/release/triage/kapi_triage_tool}
W=${W:-/tmp/kapi_emb_study}
mkdir -p "$W"
python3 tools/triage_studies/embeddings_prep.py corpus "$W"
[ -f "$W/emb.bin" ] || fasttext skipgram -input "$W/corpus.txt" -output "$W/emb" -dim 50 -epoch 5 \
    -minCount 2 -minn 3 -maxn 5 -thread 1
g++ -O2 -o "$W/stack" tools/triage_studies/stack.cc
for seed in 1 2; do
  $T eval --task topic --seed $seed --dump-oof "$W/topic_oof_s$seed.jsonl" > /dev/null
  $T eval --task sentiment --seed $seed --dump-oof "$W/sent_oof_s$seed.jsonl" > /dev/null
  for task in topic sent; do
    python3 tools/triage_studies/embeddings_prep.py rows "$W" $task $seed
    K=$(head -1 "$W/${task}_oof_s$seed.jsonl" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["p"]))')
    echo "$task seed $seed:"; "$W/stack" "$W/${task}_rows_s$seed.txt" $K $((K + 100)) 0.001
  done
done
