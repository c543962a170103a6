#!/usr/bin/env bash
# fluxfleet benchmark: stack evaluation and start-up. Prints one Markdown table.
#
#   bench/run.sh [runs]        (default 5 runs per case; medians are reported)
#
# Measures, on this machine:
#  1. wall time and peak RSS of `java -jar target/fluxfleet.jar render` for generated stacks of 1, 10, 100
#     and 500 tenants (every tenant with all its resources), and the cost of each added tenant between
#     sizes: a quadratic step would show as a growing cost per added tenant;
#  2. time from process launch to the first resource reaching the engine, for the pre-built jar (what
#     Pulumi.yaml runs) and for the program started the way Pulumi's default Java runtime starts a Maven
#     project (`mvn compile exec:java`, warm local repository, nothing to recompile);
#  3. resources registered per second in-process, for the 500-tenant stack.
# Needs: Java 17, Maven, GNU time (/usr/bin/time, Debian package `time`).
#
#   bench/run.sh scale         the scaling curve instead: one render each of 500, 1,000, 2,000 and 5,000 tenants
#                              (BENCH_SCALE="500 1000" to choose), in one run, and per registered resource the CPU
#                              time (user + system, all threads: GC included) and its ratio to the first size. CPU time,
#                              not wall time: on a shared machine the ratios hold when the wall clock does not.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = scale ]; then
  MODE=scale
  shift
else
  MODE=table
fi
RUNS=${1:-5}
read -r -a SIZES <<< "${BENCH_SIZES:-1 10 100 500}"   # BENCH_SIZES="1 10" for a quick check
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

[ -f target/fluxfleet.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A stack file with N tenants: the committed dev stack with every section it has (shared infrastructure,
# webhooks, status token, freeze switch), its tenant list replaced by N tenants shaped like the committed one
# (project only: Flux reads with the deploy token fluxfleet makes). Its secrets stay encrypted placeholders.
generate() {
  local n=$1 file=$2
  awk -v n="$n" '
    /^  fluxfleet:tenants:/ {
      print; skip = 1
      for (i = 1; i <= n; i++) printf "    - name: tenant%d\n      project: your-org/tenant%d-gitops\n", i, i
      next
    }
    skip && /^  [^ ]/ { skip = 0 }
    !skip { print }
  ' Pulumi.dev.yaml > "$file"
  grep -q '^  fluxfleet:infra:' "$file" || { echo "bench: generated stack lost its infra section" >&2; exit 2; }
}

# scale: one render per size, CPU time per resource and its ratio to the first size.
scale() {
  local n first_cost="" cost ratio
  read -r -a sizes <<< "${BENCH_SCALE:-500 1000 2000 5000}"
  echo
  echo "fluxfleet scaling: one render per size; $(nproc) cores; $(java -version 2>&1 | head -1)"
  echo
  echo "| tenants | resources | CPU (s) | CPU per resource (ms) | ratio to ${sizes[0]} | wall (s) | peak RSS (MiB) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${sizes[@]}"; do
    generate "$n" "$work/Pulumi.scale$n.yaml"
    FLUXFLEET_TRACE=1 "$TIME" -f 'time %e %M %U %S' -o "$work/time.out" \
      java -jar target/fluxfleet.jar render --stack dev --config "$work/Pulumi.scale$n.yaml" --out "$work/scale$n" \
      > /dev/null 2> "$work/trace.out"
    read -r _ wall rss user sys < "$work/time.out"
    count=$(grep -o 'registered=[0-9]*' "$work/trace.out" | cut -d= -f2)
    rm -rf "$work/scale$n"
    cost=$(awk -v u="$user" -v s="$sys" -v c="$count" 'BEGIN {printf "%.3f", (u + s) * 1000 / c}')
    [ -n "$first_cost" ] || first_cost=$cost
    ratio=$(awk -v a="$cost" -v b="$first_cost" 'BEGIN {printf "%.2f", a / b}')
    echo "| $n | $count | $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u + s}') | $cost | ${ratio}x | $wall | $(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}') |"
  done
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now_ms() { date +%s%3N; }

if [ "$MODE" = scale ]; then
  scale
  exit 0
fi

declare -A WALL RSS FIRST RATE RESOURCES
for n in "${SIZES[@]}"; do
  generate "$n" "$work/Pulumi.bench$n.yaml"
  : > "$work/wall" ; : > "$work/rss"; : > "$work/first"; : > "$work/rate"
  for _ in $(seq 1 "$RUNS"); do
    launch=$(now_ms)
    FLUXFLEET_TRACE=1 "$TIME" -f 'time %e %M' -o "$work/time.out" \
      java -jar target/fluxfleet.jar render --stack dev --config "$work/Pulumi.bench$n.yaml" --out "$work/out$n" \
      > /dev/null 2> "$work/trace.out"
    read -r _ wall rss < "$work/time.out"
    echo "$wall" >> "$work/wall"; echo "$rss" >> "$work/rss"
    trace=$(grep -o 'fluxfleet-trace.*' "$work/trace.out")
    first=$(sed -E 's/.*first-resource=([0-9]+).*/\1/' <<< "$trace")
    start=$(sed -E 's/.*program-start=([0-9]+).*/\1/' <<< "$trace")
    end=$(sed -E 's/.*program-end=([0-9]+).*/\1/' <<< "$trace")
    count=$(sed -E 's/.*registered=([0-9]+).*/\1/' <<< "$trace")
    echo $((first - launch)) >> "$work/first"
    awk -v c="$count" -v ms=$((end - start)) 'BEGIN {printf "%.0f\n", c * 1000 / (ms > 0 ? ms : 1)}' >> "$work/rate"
  done
  WALL[$n]=$(median < "$work/wall"); RSS[$n]=$(median < "$work/rss"); FIRST[$n]=$(median < "$work/first")
  RATE[$n]=$(median < "$work/rate")
  RESOURCES[$n]=$count
done

# Start-up the way Pulumi's default Java runtime would (mvn compile exec:java), to the first resource.
generate 1 "$work/Pulumi.mvn.yaml"
mvn -B -q -o compile > /dev/null
: > "$work/mvnfirst"
for _ in $(seq 1 "$RUNS"); do
  launch=$(now_ms)
  FLUXFLEET_TRACE=1 mvn -B -q -o -Dstyle.color=never compile exec:java \
    -Dexec.args="render --stack dev --config $work/Pulumi.mvn.yaml --out $work/outmvn" > /dev/null 2> "$work/trace.out" || true
  first=$(grep -o 'fluxfleet-trace.*' "$work/trace.out" | sed -E 's/.*first-resource=([0-9]+).*/\1/')
  echo $((first - launch)) >> "$work/mvnfirst"
done
MVN_FIRST=$(median < "$work/mvnfirst")

cores=$(nproc); jv=$(java -version 2>&1 | head -1)
echo
echo "fluxfleet benchmark: $RUNS runs per case, medians; $cores cores; $jv"
echo
echo "| stack | resources | wall (s) | peak RSS (MiB) | ms per added tenant (vs the row above) | first resource after launch (ms) | resources/s in-process |"
echo "|---|---:|---:|---:|---:|---:|---:|"
prev=""
for n in "${SIZES[@]}"; do
  per="—"
  if [ -n "$prev" ]; then
    per=$(awk -v a="${WALL[$n]}" -v b="${WALL[$prev]}" -v n="$n" -v p="$prev" 'BEGIN {printf "%.1f", (a - b) * 1000 / (n - p)}')
  fi
  prev=$n
  rss=$(awk -v k="${RSS[$n]}" 'BEGIN {printf "%.0f", k / 1024}')
  echo "| $n tenant$( [ "$n" -gt 1 ] && echo s) | ${RESOURCES[$n]} | ${WALL[$n]} | $rss | $per | ${FIRST[$n]} | ${RATE[$n]} |"
done
echo
first=${SIZES[0]}
ratio=$(awk -v m="$MVN_FIRST" -v j="${FIRST[$first]}" 'BEGIN {printf "%.1f", m / j}')
echo "| start-up (1 tenant), launch to first registered resource | ms |"
echo "|---|---:|"
echo "| pre-built jar (\`java -jar target/fluxfleet.jar\`, as Pulumi.yaml runs it) | ${FIRST[$first]} |"
echo "| Maven (\`mvn compile exec:java\`, Pulumi's default for a Maven project) | $MVN_FIRST |"
echo "| jar speed-up | ${ratio}x |"
