#!/bin/sh
# Secrets arrive as files (compose `secrets:`, a Kubernetes Secret volume), never as image layers or in the
# container's recorded environment (`podman inspect` shows only what was set at creation). Each file under
# $GTV_SECRETS_DIR whose name is an environment variable's (DATABASE_PASSWORD, NATS_PASSWORD...) becomes that
# variable for the service's process alone, the way tools/stack/components/service.sh hands them over on the
# single node. Other files (PEM keys) are read by path: JWT_PUBLIC_KEY_FILE=/run/secrets/jwt-public.pem.
set -eu
dir=${GTV_SECRETS_DIR:-/run/secrets}
if [ -d "$dir" ]; then
  for file in "$dir"/*; do
    name=${file##*/}
    case "$name" in *[!A-Z0-9_]* | [!A-Z]*) continue ;; esac
    [ -f "$file" ] || continue
    value=$(cat "$file")
    export "$name=$value"
  done
  # The public halves of rotated-out JWT signing keys (deploy/compose/rotate-jwt-key.sh), one PEM file each in
  # a directory that may be empty: tokens they signed verify until they expire.
  if [ -z "${JWT_RETIRED_PUBLIC_KEY_FILES:-}" ]; then
    for file in "$dir"/jwt-retired/*.pem; do
      [ -f "$file" ] || continue
      JWT_RETIRED_PUBLIC_KEY_FILES=${JWT_RETIRED_PUBLIC_KEY_FILES:+$JWT_RETIRED_PUBLIC_KEY_FILES,}$file
    done
    [ -z "${JWT_RETIRED_PUBLIC_KEY_FILES:-}" ] || export JWT_RETIRED_PUBLIC_KEY_FILES
  fi
fi
exec "$@"
