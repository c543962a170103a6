#!/usr/bin/env bash
# Merge-request pipelines, job mr-render: renders every stack the merge request touches twice, with the
# target branch's code and stack file ("old") and with the merge request's ("new"), into
# $MR_DIFF_DIR/<stack>/{old,new}: the layout `fluxfleet diff --stacks` reads. A side that cannot be
# rendered gets <side>.missing (why) and, on failure, <side>.failed; this job still succeeds so that
# mr-note can report it, and mr-note fails the pipeline for a merge request that does not render.
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/lib.sh
refuse_test_hooks

: "${CI_MERGE_REQUEST_DIFF_BASE_SHA:?run in a merge request pipeline}"
out=${MR_DIFF_DIR:-out/mr-diff}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

git config --global --add safe.directory "$PWD"
fluxfleet changed-stacks --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" > "$out/stacks.txt"
if [ ! -s "$out/stacks.txt" ]; then
  echo "This merge request touches no stack."
  exit 0
fi
echo "Stacks touched: $(paste -sd ' ' "$out/stacks.txt")"

# The target branch's code can differ from the merge request's (src/**, pom.xml): build it in a worktree.
tmp=$(mktemp -d)
base=$tmp/base
git worktree add --quiet --detach "$base" "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
trap 'git worktree remove --force "$base"; rm -rf "$tmp"' EXIT
if [ -n "${FLUXFLEET_BASE:-}" ]; then
  base_run=$FLUXFLEET_BASE
elif (cd "$base" && mvn -B -q -DskipTests package); then
  base_run="java -jar $base/target/fluxfleet.jar"
else
  echo "Building the target branch failed; its renders are reported as missing." >&2
  base_run=
fi

while read -r stack; do
  mkdir -p "$out/$stack"
  render_side "$base_run" "$base" "$stack" "$out/$stack/old"
  render_side "${FLUXFLEET:-java -jar $PWD/target/fluxfleet.jar}" "$PWD" "$stack" "$out/$stack/new"
done < "$out/stacks.txt"
