#!/usr/bin/env bash
# Merge-request pipelines, job mr-note: runs `pulumi preview --diff` for each rendered stack whose CI/CD
# variables this pipeline has (none, unless a read-only preview identity is set up: docs/merge-requests.md), then
# posts or updates the merge request's one fluxfleet note.
# Exit status: 0 done; 1 the merge request does not render, or the engine would refuse `pulumi up` for a stack
# (`fluxfleet plan` exit 3: a protected resource replaced or deleted), or the plan cannot tell the outcome offline
# (`fluxfleet plan` exit 4: e.g. a changed context without an unchanged cluster.id), or posting failed; 3 a preview failed
# (allowed to fail in .gitlab-ci.yml: a cluster being unreachable should not block a merge).
set -euo pipefail
cd "$(dirname "$0")/.."
. ci/lib.sh
refuse_test_hooks

out=${MR_DIFF_DIR:-out/mr-diff}
note=$out/note.md
status=0
touched=false
if [ -s "$out/stacks.txt" ]; then
  touched=true
  while read -r stack; do
    dir=$out/$stack
    if [ -f "$dir/new.missing" ]; then
      echo "the merge request has no render of this stack" > "$dir/preview.skipped"
      continue
    fi
    missing=$(preview_missing "$stack" | paste -sd ' ' | sed 's/ /, /g')
    if [ -n "$missing" ]; then
      echo "this pipeline lacks the CI/CD variables $missing (see docs/merge-requests.md)" > "$dir/preview.skipped"
      continue
    fi
    echo "pulumi preview --diff --stack $stack"
    if ! (use_stack "$stack" && pulumi preview --diff --non-interactive --color never --stack "$stack") \
        > "$dir/preview.txt" 2>&1; then
      touch "$dir/preview.failed"
      status=3
    fi
  done < "$out/stacks.txt"
fi

fluxfleet diff --stacks "$out" ${CI_MERGE_REQUEST_DIFF_BASE_SHA:+--base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"} \
  ${CI_COMMIT_SHA:+--head "$CI_COMMIT_SHA"} > "$note"
# GITLAB_API_TOKEN is protected and scoped to the mr-note environment: GitLab gives it only to a pipeline of a
# protected ref. A merge request from an ordinary branch runs its own code here, so it gets no token, and the note
# is this job's artifact (and its log) instead of a comment: a token the merge request's code could read would be
# anyone's who can push a branch.
if [ -z "${GITLAB_API_TOKEN:-}" ]; then
  echo "The note is not posted: this pipeline has no GITLAB_API_TOKEN (protected; docs/merge-requests.md)." \
    "It is the artifact $note:"
  cat "$note"
elif $touched; then
  fluxfleet mr-note --file "$note"
else
  fluxfleet mr-note --file "$note" --update-only
fi

failed=$(find "$out" -mindepth 2 -maxdepth 2 -name new.failed -printf '%h\n' | xargs -r -n1 basename | sort | paste -sd ' ')
if [ -n "$failed" ]; then
  echo "This merge request does not render for: $failed (see the mr-render job log)." >&2
  exit 1
fi

# The note already shows each stack's engine plan; a plan the engine would refuse fails the job (not softly:
# it is a property of the change, not of a cluster). A render that cannot be planned (exit 1) does not. An old
# side rendered by a fluxfleet that recorded no URNs is planned with identity inferred from the new renders: the
# other stacks' new renders are passed too, for resources this stack no longer has any of (README "Upgrading from
# an earlier fluxfleet").
refused=""
uncertain=""
if $touched; then
  while read -r stack; do
    dir=$out/$stack
    if [ -f "$dir/old/resources.json" ] && [ -f "$dir/new/resources.json" ]; then
      infer=()
      while read -r other; do
        if [ "$other" != "$stack" ] && [ -f "$out/$other/new/resources.json" ]; then
          infer+=(--infer-from "$out/$other/new")
        fi
      done < "$out/stacks.txt"
      plan_status=0
      fluxfleet plan "$dir/old" "$dir/new" "${infer[@]}" > "$dir/plan.txt" 2>&1 || plan_status=$?
      if [ "$plan_status" -eq 3 ]; then
        refused="$refused $stack"
      elif [ "$plan_status" -eq 4 ]; then
        uncertain="$uncertain $stack"
      fi
    fi
  done < "$out/stacks.txt"
fi
if [ -n "$refused" ]; then
  echo "pulumi up would fail for:$refused: the engine refuses steps of this change (see the note's engine plan;" \
    "the full plan is in $out/<stack>/plan.txt)." >&2
  exit 1
fi
# A plan that depends on what it cannot see offline is not green on a guess: the job fails naming what to check
# (the plan's "CANNOT TELL OFFLINE" lines); settle it (e.g. keep cluster.id unchanged) and push again.
if [ -n "$uncertain" ]; then
  echo "the engine plan cannot tell the outcome offline for:$uncertain: see CANNOT TELL OFFLINE in" \
    "$out/<stack>/plan.txt for what to check." >&2
  grep -h "CANNOT TELL OFFLINE\|  check:" "$out"/*/plan.txt >&2 || true
  exit 1
fi
exit "$status"
