#!/usr/bin/env bash
# Readiness probe for the Kafka broker: exits 0 only when it answers a Metadata request listing at least one
# broker. Kafka's own tools (BrokerApiVersionsCommand, kafka-topics) would start a JVM per probe, a second or
# more of CPU on a 2-core machine every few seconds; this speaks the protocol from bash in a few milliseconds.
# Why Metadata and not an open port: the port is bound before the broker handles requests, and a KRaft broker
# lists itself in metadata only once it has registered with the controller and been unfenced, i.e. when
# clients can really use it.
set -euo pipefail
source "$(dirname "$0")/../ports.sh"

{ exec 3<>"/dev/tcp/$GTV_HOST/$GTV_KAFKA_PORT"; } 2>/dev/null || exit 1

# MetadataRequest v4 (supported from Kafka 0.11 through 4.x), big-endian:
#   size=24 | api_key=3 | api_version=4 | correlation_id=7 | client_id="gtv-ready" (int16 length + bytes)
#   | topics=[] (int32 count 0: none, so the reply stays small) | allow_auto_topic_creation=false
printf '\x00\x00\x00\x18\x00\x03\x00\x04\x00\x00\x00\x07\x00\x09gtv-ready\x00\x00\x00\x00\x00' >&3

# Reply: size(4) | correlation_id(4) | throttle_time_ms(4) | brokers count(4) | ...
# head -c reads no more than asked, so it returns as soon as these 16 bytes are in.
mapfile -t b < <(timeout 2 head -c 16 <&3 | od -An -v -tu1 | tr -s ' ' '\n' | grep .)
exec 3>&-
[ "${#b[@]}" -eq 16 ] || exit 1
correlation=$(( (b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7] ))
brokers=$(( (b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15] ))
[ "$correlation" -eq 7 ] && [ "$brokers" -ge 1 ]
