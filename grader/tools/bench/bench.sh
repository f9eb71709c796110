#!/bin/sh
# Benchmark of the kata command against Maven, side by side in one run (grader/CLI.md, "Speed").
#
#   grader/tools/bench/bench.sh [KATA] [RUNS]        (default: roc-auc, 5 runs)
#
# Each round edits the kata's file (appends a comment), then times, one after the other:
#   ./kata check KATA            (full grading, what Maven grades)
#   ./kata check KATA --quick    (without the efficiency checks)
#   ./mvnw -q test -Dkata=KATA
# with the reference solution copied over the stub (so every check runs and passes), then the same
# three with the untouched stub. Then it measures how soon `kata watch` re-grades after a save.
# Prints medians and ratios. The kata file is restored at the end, whatever happens.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
KATA=${1:-roc-auc}
RUNS=${2:-5}
MVN=${KATA_BENCH_MVN:-./mvnw}
TOPIC_FILE=$(ls exercises/src/main/java/mlkata/exercises/*/*.java | while read -r f; do
  n=$(basename "$f" .java | sed 's/\([a-z0-9]\)\([A-Z]\)/\1-\2/g' | tr 'A-Z' 'a-z')
  [ "$n" = "$KATA" ] && echo "$f"; done | head -n 1)
[ -n "$TOPIC_FILE" ] || { echo "bench: no kata $KATA" >&2; exit 2; }
SOLUTION=$(echo "$TOPIC_FILE" | sed 's|^exercises/src/main/java/mlkata/exercises/|solutions/src/main/java/mlkata/solutions/|')
BACKUP=$(mktemp)
cp "$TOPIC_FILE" "$BACKUP"
WATCH_PID=""
cleanup() {
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null || true
  cp "$BACKUP" "$TOPIC_FILE"
  rm -f "$BACKUP"
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
timed() { # prints the wall time in ms of "$@"
  t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms); echo $((t1 - t0))
}
edit() { printf '\n// bench edit %s\n' "$(now_ms)" >> "$TOPIC_FILE"; }

./kata list >/dev/null 2>&1   # builds the command if needed, outside the measurements
echo "kata bench: $KATA, $RUNS rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for variant in solution stub; do
  if [ "$variant" = solution ]; then
    sed 's/^package mlkata\.solutions\./package mlkata.exercises./' "$SOLUTION" > "$TOPIC_FILE"
  else
    cp "$BACKUP" "$TOPIC_FILE"
  fi
  K=""; Q=""; M=""
  i=0
  while [ $i -lt "$RUNS" ]; do
    edit; K="$K $(timed ./kata check "$KATA")"
    edit; Q="$Q $(timed ./kata check "$KATA" --quick)"
    edit; M="$M $(timed $MVN -q -B test -Dkata="$KATA")"
    i=$((i + 1))
  done
  mk=$(echo $K | tr ' ' '\n' | median); mq=$(echo $Q | tr ' ' '\n' | median); mm=$(echo $M | tr ' ' '\n' | median)
  echo "[$variant] kata check       ms: $K   median $mk"
  echo "[$variant] kata check --quick ms: $Q   median $mq"
  echo "[$variant] mvnw test        ms: $M   median $mm"
  awk -v k="$mk" -v q="$mq" -v m="$mm" -v v="$variant" 'BEGIN {
    printf "[%s] ratio mvnw/kata check = %.1fx, mvnw/kata check --quick = %.1fx\n", v, m / k, m / q }'
done

# Watch: save RUNS times, read how long after each save grading started and ended.
cp "$BACKUP" "$TOPIC_FILE"
LOG=$(mktemp)
./kata watch "$KATA" --max-runs "$RUNS" > "$LOG" 2>&1 &
WATCH_PID=$!
sleep 3
i=0
while [ $i -lt "$RUNS" ]; do
  edit
  n=$((i + 1))
  waited=0
  while [ "$(grep -c 'graded ' "$LOG" || true)" -lt "$n" ] && [ $waited -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
  sleep 0.5
  i=$n
done
wait "$WATCH_PID" 2>/dev/null || true
WATCH_PID=""
S=$(grep -o 'grading started [0-9]* ms' "$LOG" | awk '{print $3}' | tr '\n' ' ')
G=$(grep -o 'graded [0-9]* ms after' "$LOG" | awk '{print $2}' | tr '\n' ' ')
echo "[watch] grading started after save ms: $S  median $(echo $S | tr ' ' '\n' | median)"
echo "[watch] result printed after save ms:  $G  median $(echo $G | tr ' ' '\n' | median)"
rm -f "$LOG"
