#!/usr/bin/env bash
# Jobs that run pulumi: installs exactly the provider plugins the program names, before pulumi runs it. The list
# comes from the jar the build job made, asked the way the Java language host asks it (java -cp <jar>
# com.pulumi.bootstrap.internal.Main packages), so CI installs the versions the engine will run and nothing is
# spelled twice. With PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION set (.gitlab-ci.yml), a plugin missing from
# this list fails the job instead of being downloaded silently.
# Each archive is verified: `pulumi plugin install --checksum` refuses an archive whose sha256 differs from the one
# ci/plugin-checksums.txt records for the plugin, version and platform; a plugin without a row is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${GITLAB_CI:-}${CI_JOB_ID:-}" ] && [ -n "${FLUXFLEET_PLUGINS:-}" ]; then
  echo "FLUXFLEET_PLUGINS is set, but it is a test hook that CI never uses: refusing to run (who set it?)" >&2
  exit 1
fi
checksums=ci/plugin-checksums.txt
platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m | sed 's/x86_64/amd64/; s/aarch64/arm64/')"

listing=$(run_listing() {
  if [ -n "${FLUXFLEET_PLUGINS:-}" ]; then
    read -r -a command <<< "$FLUXFLEET_PLUGINS"
    "${command[@]}"
  else
    java -cp "$PWD/target/fluxfleet.jar" com.pulumi.bootstrap.internal.Main packages
  fi
}; run_listing)

# One {"resource":true,"name":"…","version":"…"} object per plugin; keys in any order.
plugins=$(printf '%s' "$listing" | tr -d ' \n' | sed 's/},{/}\n{/g; s/^\[//; s/\]$//')
count=0
while IFS= read -r plugin; do
  [ -n "$plugin" ] || continue
  name=$(printf '%s' "$plugin" | sed -n 's/.*"name":"\([^"]*\)".*/\1/p')
  version=$(printf '%s' "$plugin" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
  kind=$(printf '%s' "$plugin" | grep -q '"resource":true' && echo resource || echo "")
  if [ -z "$name" ] || [ -z "$version" ] || [ "$kind" != resource ]; then
    echo "cannot read the plugin listing entry: $plugin" >&2
    exit 1
  fi
  sha=$( (grep -v '^#' "$checksums" 2>/dev/null || true) | awk -v n="$name" -v v="$version" -v p="$platform" \
    '$1 == n && $2 == v && $3 == p { print $4 }' | head -n 1)
  if ! printf '%s' "$sha" | grep -Eq '^[0-9a-f]{64}$'; then
    archive="pulumi-resource-$name-v$version-$platform.tar.gz"
    {
      echo "$checksums has no sha256 for plugin $name $version on $platform: refusing to install an unverified plugin."
      echo "Record it once per plugin version (the first run, and after every provider bump), on a trusted machine:"
      echo "  curl -fsSLO https://github.com/pulumi/pulumi-$name/releases/download/v$version/$archive"
      echo "  sha256sum $archive   # compare with the checksums file published with the same release"
      echo "  echo \"$name $version $platform \$(sha256sum $archive | cut -d' ' -f1)\" >> $checksums"
      echo "then commit $checksums in a merge request (the platform group reviews it: CODEOWNERS)."
    } >&2
    exit 1
  fi
  pulumi plugin install resource "$name" "$version" --checksum "$sha"
  count=$((count + 1))
done <<< "$plugins"
if [ "$count" -eq 0 ]; then
  echo "the program names no provider plugin; is target/fluxfleet.jar the build job's jar?" >&2
  exit 1
fi
