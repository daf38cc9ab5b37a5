#!/usr/bin/env bash
# The fuzz harness's long run, in chunks: each chunk runs every fuzz test with CHUNK examples
# and a fresh seed (generate phase only, no example database), until BUDGET seconds are spent.
# One line per chunk goes to $LOG_DIR/log.txt; each chunk's statistics to chunk-SEED.out.
#   BUDGET=2700 CHUNK=1000 tests/fuzz/long_run.sh [pytest node ids...]
# For one unbroken run of 100,000 examples per test instead:
#   HYPOTHESIS_PROFILE=fuzz .venv/bin/pytest tests/fuzz -p no:randomly
set -uo pipefail
cd "$(dirname "$0")/../.."
CHUNK=${CHUNK:-1000}
LOG_DIR=${LOG_DIR:-/tmp/sp-fuzz}
mkdir -p "$LOG_DIR"
END=$(( $(date +%s) + ${BUDGET:-2700} ))
TESTS=("$@")
[ ${#TESTS[@]} -eq 0 ] && TESTS=(tests/fuzz)
seed=1
while [ "$(date +%s)" -lt "$END" ]; do
  start=$(date +%s)
  HYPOTHESIS_PROFILE=chunk .venv/bin/python - "$seed" "$CHUNK" "${TESTS[@]}" > "$LOG_DIR/chunk-$seed.out" 2>&1 <<'PY'
import sys

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "chunk", max_examples=int(sys.argv[2]), deadline=None, database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
import pytest  # noqa: E402

sys.exit(pytest.main([
    "-q", "-p", "no:randomly", "-W", "ignore::pytest.PytestAssertRewriteWarning",
    f"--hypothesis-seed={sys.argv[1]}", "--hypothesis-show-statistics", *sys.argv[3:],
]))
PY
  rc=$?
  echo "seed=$seed examples_per_test=$CHUNK rc=$rc seconds=$(( $(date +%s) - start ))" >> "$LOG_DIR/log.txt"
  seed=$((seed + 1))
done
grep -h "failing" "$LOG_DIR"/chunk-*.out | awk '{p += $2; f += $4} END {print p " passing, " f " failing"}'
