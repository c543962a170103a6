# shellcheck shell=bash
# Helpers the CI scripts share; sourced, not run. The logic that deserves tests lives in fluxfleet
# itself (changed-stacks, diff, mr-note); what is here is naming and plumbing, tested by CiScriptsTest.

# refuse_test_hooks: the FLUXFLEET* variables exist so that tests can stand in for the jar and the pulumi CLI. In a
# GitLab job they would let whoever passes pipeline variables choose what a deploy job runs with its credentials,
# so a job refuses to start with any of them set (pipeline variables are also restricted in the project settings,
# docs/merge-requests.md). The output directories (MR_DIFF_DIR, which mr-render empties with rm -rf, and SCHEMA_DIR)
# are fixed in CI too.
refuse_test_hooks() {
  if [ -n "${GITLAB_CI:-}${CI_JOB_ID:-}" ]; then
    local name
    for name in FLUXFLEET FLUXFLEET_BASE FLUXFLEET_PLUGINS MAVEN SCHEMA_SOURCE_DIR MR_DIFF_DIR SCHEMA_DIR; do
      if [ -n "${!name:-}" ]; then
        echo "$name is set, but it is a test hook that CI never uses: refusing to run (who set it?)" >&2
        exit 1
      fi
    done
  fi
}

# run_cmd COMMAND ARGS...: runs COMMAND, a command line given as one string (no quoting inside), with ARGS.
run_cmd() {
  local -a command
  read -r -a command <<< "$1"
  shift
  "${command[@]}" "$@"
}

# The fluxfleet CLI: the jar the build job made, unless FLUXFLEET names another command (tests do).
fluxfleet() {
  run_cmd "${FLUXFLEET:-java -jar $PWD/target/fluxfleet.jar}" "$@"
}

# stack_suffix STACK: the stack's name as it appears in a CI variable name (dev-eu -> DEV_EU).
stack_suffix() {
  printf '%s' "$1" | tr '[:lower:]' '[:upper:]' | tr -c 'A-Z0-9' '_'
}

# stack_var NAME STACK: the value of NAME_<STACK> when set, else of NAME, else nothing. For settings a
# team may share across stacks or set per stack (backend URL, passphrase).
stack_var() {
  local specific
  specific="$1_$(stack_suffix "$2")"
  printf '%s' "${!specific:-${!1:-}}"
}

# preview_missing STACK: the CI/CD variables `pulumi preview` / `pulumi up` of STACK still lacks, one per
# line; nothing when it can run. The kubeconfig is per stack only (KUBECONFIG_<STACK>), never shared, so a
# stack can never reach another stack's cluster; it is not needed when the stack file carries the
# kubeconfig itself (cluster.kubeconfig). The passphrase is needed when the stack uses the passphrase
# secrets provider, which is when its stack file has an encryptionsalt.
preview_missing() {
  local stack=$1 kube file
  file="Pulumi.$stack.yaml"
  kube="KUBECONFIG_$(stack_suffix "$stack")"
  [ -n "$(stack_var PULUMI_BACKEND_URL "$stack")" ] || echo PULUMI_BACKEND_URL
  if ! grep -Eq '^[[:space:]]+kubeconfig:' "$file" 2>/dev/null && [ -z "${!kube:-}" ]; then
    echo "$kube"
  fi
  if grep -q '^encryptionsalt:' "$file" 2>/dev/null && [ -z "$(stack_var PULUMI_CONFIG_PASSPHRASE "$stack")" ] \
      && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    echo PULUMI_CONFIG_PASSPHRASE
  fi
}

# use_stack STACK: exports what the pulumi CLI needs for STACK. Call it in a subshell, so one stack's
# settings never leak into the next.
use_stack() {
  local stack=$1 kube passphrase
  kube="KUBECONFIG_$(stack_suffix "$stack")"
  export PULUMI_BACKEND_URL
  PULUMI_BACKEND_URL=$(stack_var PULUMI_BACKEND_URL "$stack")
  passphrase=$(stack_var PULUMI_CONFIG_PASSPHRASE "$stack")
  if [ -n "$passphrase" ]; then
    export PULUMI_CONFIG_PASSPHRASE="$passphrase"
  fi
  if [ -n "${!kube:-}" ]; then
    export KUBECONFIG="${!kube}"
  else
    unset KUBECONFIG
  fi
  export PULUMI_SKIP_UPDATE_CHECK=true
}

# render_side RUN REPO STACK OUT: renders REPO's Pulumi.<STACK>.yaml with the fluxfleet command RUN (a
# command line) into the directory OUT. When that cannot be done, writes the reason to OUT.missing for
# the note, and touches OUT.failed when it is a failure rather than an absent stack file.
render_side() {
  local run=$1 repo=$2 stack=$3 out=$4 log
  log=${CI_JOB_URL:+ ($CI_JOB_URL)}
  if [ ! -f "$repo/Pulumi.$stack.yaml" ]; then
    echo "there is no Pulumi.$stack.yaml" > "$out.missing"
  elif [ -z "$run" ]; then
    echo "its build failed, see the job log$log" > "$out.missing"
    touch "$out.failed"
  elif ! (cd "$repo" && run_cmd "$run" render --stack "$stack" --config "Pulumi.$stack.yaml" --out "$out"); then
    rm -rf "$out"
    echo "rendering failed, see the job log$log" > "$out.missing"
    touch "$out.failed"
  fi
}
