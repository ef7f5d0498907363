#!/bin/sh
# Installs Debian packages into an image without recommends and without leaving apt's lists behind:
#   RUN gtv-apt-install <package...>
set -eu
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
rm -rf /var/lib/apt/lists/*
