#!/bin/sh
# Installs Debian packages into an image without recommends and without leaving apt's lists or the downloaded
# .deb files behind (debootstrap's base has no docker-clean hook: they stayed in the layer, 159 MB with ffmpeg):
#   RUN gtv-apt-install <package...>
set -eu
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
apt-get clean
rm -rf /var/lib/apt/lists/*
