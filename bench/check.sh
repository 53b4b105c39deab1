#!/usr/bin/env bash
# Time `obert check` against a parse-only pass over the same large synthetic plan, then the
# edit commands and `obert render` on that plan.
#
# usage: bench/check.sh [PLAN_DIR [RESULTS_MD]]
#
#   PLAN_DIR    a plan folder to use. If it holds plan.toml it is reused as it is; if it does
#               not exist, the synthetic plan is generated into it and kept. Without it, the
#               plan is generated into a temporary folder that is removed at exit. Give "" to
#               keep the default and still name RESULTS_MD.
#   RESULTS_MD  where hyperfine's markdown table goes (default bench/results.md); the machine
#               and the plan are appended below the table.
#
# Environment: PEOPLE (20000), CONTRIBUTIONS (100000), SEED (1) for a generated plan;
# WARMUP (3) and RUNS (10) for hyperfine.
#
# The baseline, examples/parse_only.rs, reads and parses every file of the plan with the toml
# crate and nothing else, so the gap between the two lines is what loading into the model,
# the rules and the report cost. `obert check` exits 1 on findings: hyperfine runs with -i so
# a finding does not abort the benchmark, and the check's own output is shown once before
# timing so a human sees whether the plan is clean (a finding would mean that the generator
# or the checker has a bug: the synthetic plan is meant to be valid).
set -euo pipefail

people=${PEOPLE:-20000}
contributions=${CONTRIBUTIONS:-100000}
seed=${SEED:-1}
warmup=${WARMUP:-3}
runs=${RUNS:-10}

# resolve the arguments against the caller's folder, then work from the repository root
plan=${1:+$(realpath -m -- "$1")}
results=$(realpath -m -- "${2:-$(dirname -- "$0")/results.md}")
cd "$(dirname -- "$0")/.."

section() { printf '\n== %s\n' "$*"; }

section machine
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
mem_kib=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
machine="$(nproc) CPUs, ${cpu:-unknown CPU}, $((mem_kib / 1024 / 1024)) GiB RAM, $(uname -sr)"
echo "nproc:  $(nproc)"
echo "cpu:    ${cpu:-unknown}"
echo "memory: $((mem_kib / 1024)) MiB"
echo "kernel: $(uname -sr)"
echo "rustc:  $(rustc --version)"

if ! command -v hyperfine >/dev/null; then
    section "installing hyperfine"
    if [[ $(id -u) -ne 0 ]]; then
        echo "hyperfine is missing: install it (apt-get install hyperfine, or cargo install hyperfine)" >&2
        exit 2
    fi
    apt-get install -y hyperfine || { apt-get update && apt-get install -y hyperfine; }
fi
echo "hyperfine: $(hyperfine --version)"

section build
cargo build --release --examples --bins
obert=target/release/obert
parse_only=target/release/examples/parse_only

section plan
scratch=$(mktemp -d "${TMPDIR:-/tmp}/obert-bench.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
plan=${plan:-$scratch/plan}
if [[ -f $plan/plan.toml ]]; then
    echo "reusing $plan"
    plan_note="reused"
else
    target/release/examples/synth --people "$people" --contributions "$contributions" \
        --seed "$seed" "$plan"
    plan_note="synth --people $people --contributions $contributions --seed $seed"
fi
plan_size=$(du -sh -- "$plan" | cut -f1)
counts=$("$parse_only" "$plan")
echo "$counts"
echo "size: $plan_size"

section "obert check, once"
status=0
"$obert" --plan "$plan" check >"$scratch/check.out" 2>&1 || status=$?
lines=$(wc -l <"$scratch/check.out")
tail -n 20 "$scratch/check.out"
if ((lines > 20)); then
    echo "(the last 20 of $lines lines)"
fi
if ((status == 0)); then
    echo "obert check: clean (exit 0)"
else
    echo "obert check: exit $status: the synthetic plan should be clean, look at the findings above" >&2
fi

section timing
mkdir -p -- "$(dirname -- "$results")"
hyperfine -N -i --warmup "$warmup" --runs "$runs" \
    --command-name "obert check" "$(printf '%q --plan %q check' "$obert" "$plan")" \
    --command-name "parse only" "$(printf '%q %q' "$parse_only" "$plan")" \
    --export-markdown "$results"

section "edit timing"
# An edit reads and checks the plan twice (before, and as the edit would leave it), so it
# costs about two checks. `person set` really writes people.toml on every run: the prepare
# step sets the name back so that each timed run has something to change.
edits=$scratch/edits.md
hyperfine -N --warmup 1 --runs "$runs" \
    --prepare "$(printf '%q --plan %q person set person-1 name %q' "$obert" "$plan" "Bench A")" \
    --command-name "obert person set (writes people.toml)" \
    "$(printf '%q --plan %q person set person-1 name %q' "$obert" "$plan" "Bench B")" \
    --export-markdown "$edits"
hyperfine -N --warmup 1 --runs "$runs" \
    --command-name "obert org add --dry-run" \
    "$(printf '%q --plan %q org add bench-org --name Bench --sector expert --dry-run' "$obert" "$plan")" \
    --export-markdown "$scratch/dry.md"
tail -n +3 -- "$scratch/dry.md" >>"$edits"
hyperfine -N --warmup 1 --runs "$runs" \
    --command-name "obert render (html)" \
    "$(printf '%q --plan %q render -o %q' "$obert" "$plan" "$scratch/plan.html")" \
    --command-name "obert render --format md" \
    "$(printf '%q --plan %q render --format md -o %q' "$obert" "$plan" "$scratch/plan.md")" \
    --export-markdown "$scratch/render.md"
tail -n +3 -- "$scratch/render.md" >>"$edits"
{
    echo
    cat -- "$edits"
}>>"$results"

{
    echo
    echo "Machine: $machine."
    echo "Plan ($plan_note, $plan_size): $counts."
    echo "obert check exit status: $status."
} >>"$results"
section results
cat -- "$results"
