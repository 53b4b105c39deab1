#!/usr/bin/env bash
# Time `obert contribution import` of a large Decidim export: a first import into the
# fixture plan, and a re-import of the same file where every row is unchanged.
#
# usage: bench/import.sh [RESULTS_MD]      (default bench/import-results.md)
#
# Environment: ROWS (100000), RUNS (5).
set -euo pipefail

rows=${ROWS:-100000}
runs=${RUNS:-5}
results=$(realpath -m -- "${1:-$(dirname -- "$0")/import-results.md}")
cd "$(dirname -- "$0")/.."
root=$PWD
command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --bins --example synth_decidim
obert=$root/target/release/obert

scratch=$(mktemp -d "${TMPDIR:-/tmp}/obert-import.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
"$root/target/release/examples/synth_decidim" --rows "$rows" >"$scratch/proposals.csv"
echo "export: $rows rows, $(du -h "$scratch/proposals.csv" | cut -f1)"

# A fresh copy of the fixture plan before each first import; an imported one for re-imports.
fresh="rm -rf $scratch/plan && cp -r $root/tests/fixtures/valid $scratch/plan"
hyperfine -N --runs "$runs" \
    --prepare "bash -c '$fresh'" \
    --command-name "first import of $rows rows" \
    "$obert -q --plan $scratch/plan contribution import $scratch/proposals.csv" \
    --export-markdown "$scratch/first.md"
# Once for its summary: every row added the first time, every row unchanged the second.
bash -c "$fresh"
"$obert" --plan "$scratch/plan" contribution import "$scratch/proposals.csv" 2>"$scratch/first.txt" >/dev/null
grep -q "$rows rows: $rows added" "$scratch/first.txt" || { cat "$scratch/first.txt" >&2; echo "the first import did not add every row" >&2; exit 1; }
"$obert" --plan "$scratch/plan" contribution import "$scratch/proposals.csv" 2>"$scratch/again.txt" >/dev/null
grep -q "$rows unchanged" "$scratch/again.txt" || { cat "$scratch/again.txt" >&2; echo "the re-import changed rows" >&2; exit 1; }
hyperfine -N --runs "$runs" \
    --command-name "re-import, every row unchanged" \
    "$obert -q --plan $scratch/plan contribution import $scratch/proposals.csv" \
    --export-markdown "$scratch/again.md"
{
    cat -- "$scratch/first.md"
    tail -n +3 -- "$scratch/again.md"
    echo
    echo "Export: $rows proposals, $(du -h "$scratch/proposals.csv" | cut -f1); contributions file after import: $(du -h "$scratch/plan/contributions/eixos.toml" | cut -f1)."
    echo "Machine: $(nproc) CPUs, $(uname -sr)."
} >"$results"
cat -- "$results"
