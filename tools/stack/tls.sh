#!/usr/bin/env bash
# The edge's TLS certificate, for HAProxy (tools/stack/components/haproxy.sh). Prints the path of the PEM
# (certificate chain followed by its private key) HAProxy should load.
#   GTV_TLS_PEM   an operator's own certificate chain + key in one PEM file: used as it is.
#   otherwise     a local CA and a server certificate signed by it, generated once into $GTV_STATE/tls
#                 (keys 0600, root only). The server certificate (397 days, the longest browsers accept)
#                 is renewed when it has less than 30 days left; the CA (10 years) is kept, so browsers
#                 and clients that trust $GTV_STATE/tls/ca.pem keep trusting the edge.
# Also writes the certificate's expiry for node-exporter's textfile collector, so Prometheus scrapes it
# as gtv_tls_certificate_expiry_timestamp_seconds.
source "$(dirname "$0")/common.sh"

dir="$GTV_STATE/tls"
gtv_state_root
mkdir -p "$dir"
chmod 755 "$dir" # ca.pem is public; every key in it is 0600
umask 077

if [ -n "${GTV_TLS_PEM:-}" ]; then
  [ -r "$GTV_TLS_PEM" ] || die "GTV_TLS_PEM=$GTV_TLS_PEM is not readable"
  pem=$GTV_TLS_PEM
else
  pem="$dir/edge.pem"
  if [ ! -s "$dir/ca-key.pem" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=GT-Vision local CA ($(hostname))" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" 2>/dev/null || die "cannot create the local CA"
    rm -f "$pem"
    note "TLS: generated a local CA; trust $dir/ca.pem to reach the edge over HTTPS without warnings"
  fi
  # The CA certificate is public: clients (and the tests) read it to trust the edge.
  chmod 644 "$dir/ca.pem"
  if [ ! -s "$pem" ] || ! openssl x509 -in "$pem" -noout -checkend $((30 * 86400)) >/dev/null; then
    host=$(hostname)
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth" \
      "subjectAltName=DNS:localhost,DNS:$host,IP:127.0.0.1,IP:::1,IP:$GTV_HOST" >"$dir/server.ext"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$host" \
      -keyout "$dir/server-key.pem" -out "$dir/server.csr" 2>/dev/null || die "cannot create a server key"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" \
      -CAcreateserial -days 397 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null ||
      die "cannot sign the server certificate"
    cat "$dir/server.pem" "$dir/server-key.pem" >"$pem.tmp"
    mv -f "$pem.tmp" "$pem"
    rm -f "$dir/server.csr" "$dir/server-key.pem"
  fi
  chmod 600 "$pem" "$dir/ca-key.pem"
fi

expiry=$(date -d "$(openssl x509 -in "$pem" -noout -enddate | cut -d= -f2)" +%s) ||
  die "cannot read the expiry of $pem"
textfile="$GTV_STATE/node-exporter/textfile"
mkdir -p "$textfile"
{
  echo '# HELP gtv_tls_certificate_expiry_timestamp_seconds When the edge certificate expires (Unix time).'
  echo '# TYPE gtv_tls_certificate_expiry_timestamp_seconds gauge'
  echo "gtv_tls_certificate_expiry_timestamp_seconds{certificate=\"edge\"} $expiry"
} >"$textfile/gtv_tls.prom.tmp"
chmod 644 "$textfile/gtv_tls.prom.tmp"
mv -f "$textfile/gtv_tls.prom.tmp" "$textfile/gtv_tls.prom"
echo "$pem"
