#!/usr/bin/env bash
# The performance contract: each piece of obert's work against the floor or the peer that
# does the least it could, in CPU time, from runs interleaved so that both sides see the
# same machine; and peak memory against the bytes read. Prints the table of
# docs/performance.md ("The contract"), with the goal of each row.
#
# usage: bench/ratios.sh [WORK_DIR]
#
#   WORK_DIR   where the large plan, the Decidim export and the history repository are
#              generated (kept, and reused by later runs); default: a temporary folder
#              removed at exit
#
# Environment: PEOPLE (20000), CONTRIBUTIONS (100000), ROWS (100000 Decidim rows),
# COMMITS (10000), RUNS (5 interleaved pairs per row); BASELINE=path/to/an/older/obert adds
# rows comparing it with this build on the shipped plan (nothing else may get slower), with
# BASELINE_RUNS (41) pairs each, as those take milliseconds.
#
# CPU time is user + system of the command and its children, from bash's `times`, the median
# of RUNS. Peak memory is GNU time's maximum resident set size (installed with apt-get when
# missing and run as root; otherwise those rows say so).
set -euo pipefail

people=${PEOPLE:-20000}
contributions=${CONTRIBUTIONS:-100000}
rows=${ROWS:-100000}
commits=${COMMITS:-10000}
runs=${RUNS:-5}
work=${1:+$(realpath -m -- "$1")}
cd "$(dirname -- "$0")/.."
root=$PWD

cargo build --quiet --release --no-default-features --bins \
    --example synth --example parse_only --example synth_history --example synth_decidim
obert=$root/target/release/obert
examples=$root/target/release/examples

if [[ ! -x /usr/bin/time ]] && [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -qq time >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/obert-ratios.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
work=${work:-$scratch/work}
mkdir -p -- "$work"

plan=$work/plan
if [[ ! -f $plan/plan.toml ]]; then
    "$examples/synth" --people "$people" --contributions "$contributions" "$plan" >/dev/null
fi
export_csv=$work/proposals.csv
if [[ ! -f $export_csv ]]; then
    "$examples/synth_decidim" --rows "$rows" >"$export_csv"
fi
imported=$work/imported
if [[ ! -f $imported/plan.toml ]]; then
    rm -rf -- "$imported"
    cp -r tests/fixtures/valid "$imported"
    "$obert" -q --plan "$imported" contribution import "$export_csv" >/dev/null
fi
repo=$work/repo
if [[ ! -d $repo/.git ]]; then
    mkdir -p -- "$repo"
    git -C "$repo" init --quiet --initial-branch=main
    "$examples/synth_history" --commits "$commits" "$root/plan" | git -C "$repo" fast-import --quiet
    git -C "$repo" checkout --quiet main
fi

# The CPU seconds (user + system) that `"$@"` takes, its output thrown away.
# (`times` runs in this shell, not in a command substitution: a forked subshell starts its
# children's counters at zero.)
cpu() {
    local before after
    times >"$scratch/times"
    before=$(tail -1 "$scratch/times")
    "$@" >/dev/null 2>&1 || true
    times >"$scratch/times"
    after=$(tail -1 "$scratch/times")
    awk -v b="$before" -v a="$after" 'function s(t,  m, r) {
            split(t, f, "m"); m = f[1]; r = f[2]; sub("s", "", r); return m * 60 + r }
        BEGIN { split(b, x, " "); split(a, y, " ");
            printf "%.4f\n", (s(y[1]) + s(y[2])) - (s(x[1]) + s(x[2])) }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# pair NAME GOAL 'OBERT COMMAND' 'FLOOR COMMAND' [PREPARE]: RUNS interleaved runs of each,
# PREPARE (if any) before every run of the first; prints a row of the table.
pair() {
    local name=$1 goal=$2 ours=$3 floor=$4 prepare=${5:-}
    local a=() b=() i
    for ((i = 0; i < runs; i++)); do
        [[ -n $prepare ]] && eval "$prepare" >/dev/null 2>&1
        a+=("$(cpu bash -c "$ours")")
        b+=("$(cpu bash -c "$floor")")
    done
    local ma mb
    ma=$(printf '%s\n' "${a[@]}" | median)
    mb=$(printf '%s\n' "${b[@]}" | median)
    awk -v n="$name" -v a="$ma" -v b="$mb" -v g="$goal" \
        'BEGIN { printf "| %s | %.3f s | %.3f s | %.2f× | ≤ %s× |\n", n, a, b, (b > 0 ? a / b : 0), g }'
}

# The peak resident memory of a command in bytes, or nothing without GNU time.
peak() {
    [[ -x /usr/bin/time ]] || return 0
    local kib
    kib=$(/usr/bin/time -f '%M' bash -c "$1 >/dev/null 2>&1 || true" 2>&1 >/dev/null | tail -1)
    echo $((kib * 1024))
}

# memory NAME GOAL BYTES_READ 'COMMAND' [PREPARE]
memory() {
    local name=$1 goal=$2 bytes=$3 command=$4 prepare=${5:-}
    [[ -n $prepare ]] && eval "$prepare" >/dev/null 2>&1
    local used
    used=$(peak "$command")
    if [[ -z $used ]]; then
        echo "| $name | (GNU time missing) | $((bytes / 1048576)) MiB | | ≤ $goal× |"
        return
    fi
    awk -v n="$name" -v u="$used" -v b="$bytes" -v g="$goal" \
        'BEGIN { printf "| %s | %.0f MiB | %.0f MiB | %.2f× | ≤ %s× |\n", n, u / 1048576, b / 1048576, u / b, g }'
}

bytes_of() { du -sb --apparent-size -- "$1" | cut -f1; }

check="'$obert' -q --plan '$plan' check"
# Two values in turn, so that every run really rewrites people.toml.
flip=$scratch/flip
echo 0 >"$flip"
person_set="n=\$(cat '$flip'); echo \$((1 - n)) >'$flip'; '$obert' -q --plan '$plan' person set person-1 name \"Persona \$n\""
file=plan/commitments/model-participacio.md
commitment=model-participacio

echo "| work | obert | floor or peer | ratio | goal |"
echo "|---|---:|---:|---:|---:|"
pair "\`check\` / parse only (\`examples/parse_only\`)" 1.3 "$check" "'$examples/parse_only' '$plan'"
pair "an edit (\`person set\`) / \`check\`" 1.1 "$person_set" "$check"
pair "re-import of $rows unchanged Decidim rows / \`check\`" 1.3 \
    "'$obert' -q --plan '$imported' contribution import '$export_csv'" \
    "'$obert' -q --plan '$imported' check"
pair "\`diff HEAD~1 HEAD\` / \`git diff --stat\`" 3 \
    "cd '$repo' && '$obert' diff HEAD~1 HEAD" "cd '$repo' && git diff --stat HEAD~1 HEAD"
pair "\`log $commitment\` / \`git log --oneline -- <file>\`" 2 \
    "cd '$repo' && '$obert' log $commitment" "cd '$repo' && git log --oneline -- $file"
pair "\`log -n 100\` / \`git log -n 100 --stat -- plan\`" 3 \
    "cd '$repo' && '$obert' log -n 100" "cd '$repo' && git log -n 100 --stat -- plan"
plan_bytes=$(bytes_of "$plan")
memory "peak memory of \`check\` / plan bytes" 3 "$plan_bytes" "$check"
memory "peak memory of an edit / plan bytes" 3.5 "$plan_bytes" "$person_set"
# The file the re-import reads and would rewrite: the plan's contributions file.
memory "peak memory of a re-import / contributions file bytes" 3 \
    "$(bytes_of "$imported/contributions/eixos.toml")" \
    "'$obert' -q --plan '$imported' contribution import '$export_csv'"

if [[ -n ${BASELINE:-} ]]; then
    # Both binaries run from the same folder: the file system a binary is mapped from
    # changes its start-up by a tenth of these few milliseconds (measured: the same build
    # from target/ and from /tmp).
    cp -- "$(realpath -- "$BASELINE")" "$scratch/obert-baseline"
    cp -- "$obert" "$scratch/obert-this"
    baseline=$scratch/obert-baseline
    this=$scratch/obert-this
    # Milliseconds each, at the resolution of `times`: many more runs for a stable median.
    runs=${BASELINE_RUNS:-41}
    shipped=$scratch/shipped
    cp -r plan "$shipped"
    echo
    echo "| on the shipped plan | this build | baseline | ratio | goal |"
    echo "|---|---:|---:|---:|---:|"
    pair "\`check\`" 1.2 "'$this' -q --plan '$shipped' check" "'$baseline' -q --plan '$shipped' check"
    pair "\`status\`" 1.2 "'$this' -q --plan '$shipped' status" "'$baseline' -q --plan '$shipped' status"
    pair "an edit (\`plan set website\`)" 1.2 \
        "'$this' -q --plan '$shipped' plan set website https://example.org/a" \
        "'$baseline' -q --plan '$shipped' plan set website https://example.org/b"
fi

echo
echo "Plan: $people people, $contributions contributions, $((plan_bytes / 1048576)) MiB;" \
    "Decidim export: $rows rows, $(($(bytes_of "$export_csv") / 1048576)) MiB;" \
    "history: $(git -C "$repo" rev-list --count HEAD) commits. CPU time, median of $runs interleaved runs."
echo "Machine: $(nproc) CPUs, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr); $(date -u +%Y-%m-%d)."
