#!/usr/bin/env bash
# Test of tools/stack/fingerprint.sh: a setting passed to `up` changes the fingerprint of the components that
# read it and of no other, so a second `up` restarts only those (tools/stack/apply.sh).
#   1. the caller's environment alone (GTV_DEMO_CAMERAS=5 exported, not recorded) changes no fingerprint:
#      components read settings from the recorded stack.env, never from whoever runs `up`;
#   2. the setting recorded (tools/stack/settings.sh write, as `up` does) changes camera-simulator's only;
#   3. a recorded trace sampling setting (OTEL_TRACES_SAMPLER_ARG) changes the five services' only.
# Runs on a throwaway state directory with freshly generated secrets; needs no stack.
source "$(dirname "$0")/../install/lib.sh"

state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
export GTV_STATE=$state
"$GTV_ROOT/tools/stack/secrets.sh" >/dev/null
components=$(sed -nE 's/^  ([a-z][a-z-]*):$/\1/p' "$GTV_ROOT/deploy/single-node/process-compose.yaml")
fingerprints() { "$GTV_ROOT/tools/stack/fingerprint.sh" $components; }

(unset GTV_DEMO_CAMERAS && "$GTV_ROOT/tools/stack/settings.sh" write)
before=$(unset GTV_DEMO_CAMERAS && fingerprints)
from_env=$(GTV_DEMO_CAMERAS=5 fingerprints)
moved=$({ diff <(echo "$before") <(echo "$from_env") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | tr '\n' ' ')
[ -z "$moved" ] || die "the caller's GTV_DEMO_CAMERAS changed the fingerprint of: $moved"

GTV_DEMO_CAMERAS=5 "$GTV_ROOT/tools/stack/settings.sh" write
recorded=$(fingerprints)
moved=$({ diff <(echo "$before") <(echo "$recorded") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | tr '\n' ' ')
[ "$moved" = "camera-simulator " ] || die "recording GTV_DEMO_CAMERAS=5 changed the fingerprint of: ${moved:-nothing} (expected camera-simulator alone)"
GTV_DEMO_CAMERAS=5 OTEL_TRACES_SAMPLER_ARG=0.1 "$GTV_ROOT/tools/stack/settings.sh" write
sampled=$(fingerprints)
moved=$({ diff <(echo "$recorded") <(echo "$sampled") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | sort | tr '\n' ' ')
[ "$moved" = "analytics camera-registry frame-extraction ingest lpr-engine " ] \
  || die "recording OTEL_TRACES_SAMPLER_ARG=0.1 changed the fingerprint of: ${moved:-nothing} (expected the five services)"
echo "fingerprint.test.sh: the caller's environment moves no fingerprint; a recorded setting moves only its reader's"
