#!/usr/bin/env bash
# Time `obert diff` and `obert log` on a generated plan repository with a long history,
# against `git diff --stat` and `git log -- <file>` on the same repository.
#
# usage: bench/history.sh [REPO_DIR [RESULTS_MD]]
#
#   REPO_DIR    where to generate the repository (kept, and reused if it holds one);
#               default: a temporary folder removed at exit
#   RESULTS_MD  where hyperfine's tables go (default bench/history-results.md)
#
# Environment: COMMITS (10000), WARMUP (2), RUNS (10).
#
# The repository starts with the shipped plan (plan/) and then changes one thing per commit
# (examples/synth_history.rs): a person added, a milestone moved, the website changed.
set -euo pipefail

commits=${COMMITS:-10000}
warmup=${WARMUP:-2}
runs=${RUNS:-10}
repo=${1:+$(realpath -m -- "$1")}
results=$(realpath -m -- "${2:-$(dirname -- "$0")/history-results.md}")
cd "$(dirname -- "$0")/.."
root=$PWD

command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --bins --example synth_history
obert=$root/target/release/obert

scratch=$(mktemp -d "${TMPDIR:-/tmp}/obert-history.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
repo=${repo:-$scratch/repo}
if [[ ! -d $repo/.git ]]; then
    mkdir -p -- "$repo"
    git -C "$repo" init --quiet --initial-branch=main
    "$root/target/release/examples/synth_history" --commits "$commits" "$root/plan" |
        git -C "$repo" fast-import --quiet
    git -C "$repo" checkout --quiet main
fi
cd -- "$repo"
echo "repository: $repo ($(git rev-list --count HEAD) commits)"

file=plan/commitments/model-participacio.md
hyperfine -N --warmup "$warmup" --runs "$runs" \
    --command-name "obert diff HEAD~1 HEAD" "$obert diff HEAD~1 HEAD" \
    --command-name "git diff --stat HEAD~1 HEAD" "git diff --stat HEAD~1 HEAD" \
    --command-name "obert diff HEAD~1000 HEAD" "$obert diff HEAD~1000 HEAD" \
    --command-name "git diff --stat HEAD~1000 HEAD" "git diff --stat HEAD~1000 HEAD" \
    --export-markdown "$scratch/diff.md"
hyperfine -N --warmup 1 --runs "$runs" \
    --command-name "obert log model-participacio" "$obert log model-participacio" \
    --command-name "git log -- $file" "git log --oneline -- $file" \
    --command-name "obert log -n 100" "$obert log -n 100" \
    --command-name "git log -n 100 --stat -- plan" "git log -n 100 --stat -- plan" \
    --export-markdown "$scratch/log.md"
{
    cat -- "$scratch/diff.md"
    echo
    cat -- "$scratch/log.md"
    echo
    echo "Repository: $(git rev-list --count HEAD) commits, $(git log --oneline -- "$file" | wc -l) of them touching $file."
    echo "Machine: $(nproc) CPUs, $(uname -sr)."
} >"$results"
cat -- "$results"
