#!/usr/bin/env bash
# The adversarial corpus's long run: every hostile shape (tests/adversarial/corpus.py) at
# large sizes, each input in its own process under `ulimit -v 4000000` (about 4 GB of address
# space) and a 30 s timeout. Prints one line per input, then, per size, the counts of
# tracebacks, timeouts, wrong exit codes and leaked private names; exits 1 if any.
#   tests/adversarial/long_run.sh                 # sizes 2000 and 10000
#   SIZES="2000 20000" tests/adversarial/long_run.sh
#   SIZES=5000 SHAPES="cycles chains" tests/adversarial/long_run.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
ulimit -v 4000000
LOG_DIR=${LOG_DIR:-/tmp/sp-adversarial}
mkdir -p "$LOG_DIR"
status=0
shapes=()
for shape in ${SHAPES:-}; do shapes+=(--shape "$shape"); done
for n in ${SIZES:-2000 10000}; do
  start=$(date +%s)
  .venv/bin/python tests/adversarial/run.py --n "$n" --timeout "${TIMEOUT:-30}" \
    --memory-kb 4000000 "${shapes[@]}" | tee "$LOG_DIR/n-$n.txt" || status=1
  echo "n=$n took $(( $(date +%s) - start )) s" | tee -a "$LOG_DIR/n-$n.txt"
done
echo "summary:"
grep -h "^n=.*inputs" "$LOG_DIR"/n-*.txt
exit $status
