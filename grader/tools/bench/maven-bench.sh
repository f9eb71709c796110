#!/bin/sh
# The practice loop through Maven, measured against an older commit in the same run (issue #9).
#
#   grader/tools/bench/maven-bench.sh [KATA] [RUNS] [BASELINE] [PREVIOUS]
#                                          (default: roc-auc, 5, ee9f2c0, none)
#
# Clones this repository's HEAD and BASELINE into a temporary directory and builds both once (the
# first-build time is printed, not counted). Then, RUNS rounds, alternating between the two clones so
# both see the same load:
#   1. the reference solution of KATA is copied over its stub (first round) or the file gets a new
#      comment (later rounds): "one exercise file edited";
#   2. ./mvnw -q test -Dkata=KATA is timed (a passing kata).
# Then ./kata check KATA on the passing kata, RUNS times (in HEAD both answered by its command server and,
# with KATA_SERVER=0, in a JVM of its own), and the whole ./mvnw -q test on untouched stubs
# (every kata graded, none started), RUNS times: in the HEAD clone, and when PREVIOUS is given also in a
# clone of that commit, alternating, with the ratio HEAD / PREVIOUS (PREVIOUS needs a kata command).
# Prints every time, the medians and the ratios. Needs git, a JDK 17 and the Maven
# wrapper's downloads (the first build fetches what is missing).
# Before each timed command the script waits PAUSE seconds (KATA_BENCH_PAUSE, default 3): the time a
# learner takes to edit, during which a spare grading JVM (grader/CLI.md, "Speed") finishes warming up.
# KATA_SPARE=0 turns spares off for the whole run.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
KATA=${1:-roc-auc}
RUNS=${2:-5}
BASE=${3:-ee9f2c0}
PREV=${4:-}
PAUSE=${KATA_BENCH_PAUSE:-3}
WORK=$(mktemp -d)
stop_spares() {
  for f in "$WORK"/*/.kata/spare.json "$WORK"/*/grader/target/kata/spare.json; do
    [ -f "$f" ] && kill "$(sed 's/.*"pid":\([0-9]*\).*/\1/' "$f")" 2>/dev/null || true
  done
  for f in "$WORK"/*/.kata/server; do # the command servers: port token pid start key
    [ -f "$f" ] && kill "$(cut -d' ' -f3 "$f")" 2>/dev/null || true
  done
}
trap 'stop_spares; rm -rf "$WORK"' EXIT INT TERM

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
timed() { # wall time in ms of "$@", run in directory $1, after the pause
  dir=$1; shift
  sleep "$PAUSE"
  t0=$(now_ms); (cd "$dir" && "$@") >/dev/null 2>&1 || true; t1=$(now_ms); echo $((t1 - t0))
}
kata_file() { # the stub of KATA in clone $1
  ls "$1"/exercises/src/main/java/mlkata/exercises/*/*.java | while read -r f; do
    n=$(basename "$f" .java | sed 's/\([a-z0-9]\)\([A-Z]\)/\1-\2/g' | tr 'A-Z' 'a-z')
    [ "$n" = "$KATA" ] && echo "$f"; done | head -n 1
}

git clone -q "$ROOT" "$WORK/head"
git clone -q "$ROOT" "$WORK/base"
(cd "$WORK/base" && git checkout -q "$BASE")
LOOP="head"
if [ -n "$PREV" ]; then
  git clone -q "$ROOT" "$WORK/prev"
  (cd "$WORK/prev" && git checkout -q "$PREV")
  LOOP="head prev"
fi
echo "maven bench: $KATA, $RUNS rounds, HEAD $(cd "$WORK/head" && git rev-parse --short HEAD) vs $BASE," \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), pause ${PAUSE} s, KATA_SPARE=${KATA_SPARE:-1}"
for c in head base $( [ -n "$PREV" ] && echo prev ); do
  ms=$(timed "$WORK/$c" ./mvnw -q -B -DskipTests test-compile)
  echo "[$c] first build (test-compile, not counted): $ms ms"
done
STUB=$(kata_file "$WORK/head")
STUB_REL=${STUB#"$WORK/head/"}
SOL_REL=$(echo "$STUB_REL" | sed 's|^exercises/src/main/java/mlkata/exercises/|solutions/src/main/java/mlkata/solutions/|')
H=""; B=""
i=0
while [ $i -lt "$RUNS" ]; do
  for c in head base; do
    f="$WORK/$c/$STUB_REL"
    if [ $i -eq 0 ]; then
      sed 's/^package mlkata\.solutions\./package mlkata.exercises./' "$WORK/$c/$SOL_REL" > "$f"
    else
      printf '\n// bench edit %s\n' "$(now_ms)" >> "$f"
    fi
    ms=$(timed "$WORK/$c" ./mvnw -q -B test -Dkata="$KATA")
    if [ $c = head ]; then H="$H $ms"; else B="$B $ms"; fi
  done
  i=$((i + 1))
done
mh=$(echo $H | tr ' ' '\n' | median); mb=$(echo $B | tr ' ' '\n' | median)
echo "[head] mvnw -q test -Dkata=$KATA after one edit, ms: $H   median $mh"
echo "[base] mvnw -q test -Dkata=$KATA after one edit, ms: $B   median $mb"
awk -v h="$mh" -v b="$mb" 'BEGIN { printf "ratio head/base = %.2f\n", h / b }'

ratio() { awk -v h="$1" -v p="$2" 'BEGIN { if (p > 0) printf "ratio head/prev = %.2f\n", h / p }'; }
for c in $LOOP; do
  if [ "$c" = prev ]; then
    sed 's/^package mlkata\.solutions\./package mlkata.exercises./' "$WORK/prev/$SOL_REL" > "$WORK/prev/$STUB_REL"
  fi
  (cd "$WORK/$c" && ./kata list >/dev/null 2>&1 && ./kata check "$KATA" >/dev/null 2>&1) || true # builds, not counted
done
# In HEAD twice: answered by the command server its first check left, and in a JVM of its own
# (KATA_SERVER=0), as when no server runs.
KH=""; KO=""; KP=""
i=0
while [ $i -lt "$RUNS" ]; do
  for c in head own $( [ -n "$PREV" ] && echo prev ); do
    d=$c; [ $c = own ] && d=head
    printf '\n// bench edit %s\n' "$(now_ms)" >> "$WORK/$d/$STUB_REL"
    if [ $c = own ]; then ms=$(timed "$WORK/head" env KATA_SERVER=0 ./kata check "$KATA");
    else ms=$(timed "$WORK/$d" ./kata check "$KATA"); fi
    case $c in head) KH="$KH $ms" ;; own) KO="$KO $ms" ;; *) KP="$KP $ms" ;; esac
  done
  i=$((i + 1))
done
mh=$(echo $KH | tr ' ' '\n' | median)
mo=$(echo $KO | tr ' ' '\n' | median)
echo "[head] kata check $KATA (passing) after one edit, ms: $KH   median $mh"
echo "[head, KATA_SERVER=0] kata check $KATA in its own JVM, ms: $KO   median $mo"
if [ -n "$PREV" ]; then
  mp=$(echo $KP | tr ' ' '\n' | median)
  echo "[prev] kata check $KATA (passing) after one edit, ms: $KP   median $mp"
  ratio "$mh" "$mp"
fi

for c in $LOOP; do (cd "$WORK/$c" && git checkout -q -- exercises); done
WH=""; WP=""
i=0
while [ $i -lt "$RUNS" ]; do
  for c in $LOOP; do
    ms=$(timed "$WORK/$c" ./mvnw -q -B test)
    if [ $c = head ]; then WH="$WH $ms"; else WP="$WP $ms"; fi
  done
  i=$((i + 1))
done
mh=$(echo $WH | tr ' ' '\n' | median)
echo "[head] mvnw -q test, all katas on stubs, ms: $WH   median $mh"
if [ -n "$PREV" ]; then
  mp=$(echo $WP | tr ' ' '\n' | median)
  echo "[prev] mvnw -q test, all katas on stubs, ms: $WP   median $mp"
  ratio "$mh" "$mp"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
