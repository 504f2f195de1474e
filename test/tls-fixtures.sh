#!/usr/bin/env bash
# Certificates and keys for TLS tests, all made with openssl in DIR (created if needed):
#
#   test/tls-fixtures.sh DIR
#
#   ca.crt ca.key              a CA (CN=jdblink test CA)
#   server.crt server.key      server certificate for CN=localhost (SAN localhost, 127.0.0.1)
#   revoked.crt revoked.key    another server certificate for CN=localhost, revoked by ...
#   ca.crl                     ... the CA's CRL (PEM), which lists only revoked.crt
#   crldir/HASH.r0             the same CRL under OpenSSL's hashed name (for sslcrldir)
#   client.crt                 client certificate for CN=auth_cert, with its key as
#     client-pkcs1.key           PEM "RSA PRIVATE KEY" (PKCS#1)
#     client-pkcs8.key           PEM "PRIVATE KEY" (PKCS#8)
#     client-enc-pkcs8.key       PEM "ENCRYPTED PRIVATE KEY" (PBES2, AES-256), password "secret"
#     client-enc-pkcs1.key       PEM "RSA PRIVATE KEY" with Proc-Type: 4,ENCRYPTED (AES-256-CBC), password "secret"
#   client-ec.crt client-ec.key  client certificate for CN=auth_cert with an EC key (PEM "EC PRIVATE KEY")
#
# Server files are readable by the postgres OS user (the test cluster runs as it); key
# files have mode 0600 (libpq refuses group- or world-readable keys).
set -euo pipefail
dir=${1:?usage: $0 DIR}
mkdir -p "$dir/crldir"
cd "$dir"
days=2
q() { "$@" >/dev/null 2>&1; }

q openssl req -new -x509 -days $days -nodes -subj "/CN=jdblink test CA" -keyout ca.key -out ca.crt \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign

sign() { # name subject [extensions]
  local name=$1 subject=$2 ext=${3:-}
  q openssl req -new -nodes -subj "$subject" -keyout "$name.key" -out "$name.csr"
  if [ -n "$ext" ]; then
    printf '%s\n' "$ext" >"$name.ext"
    q openssl x509 -req -days $days -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -extfile "$name.ext"
  else
    q openssl x509 -req -days $days -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt"
  fi
  rm -f "$name.csr" "$name.ext"
}
san="subjectAltName=DNS:localhost,IP:127.0.0.1"
sign server "/CN=localhost" "$san"
sign revoked "/CN=localhost" "$san"

# A minimal CA database for `openssl ca`, used only to issue the CRL.
: >index.txt
echo 01 >crlnumber
cat >ca.cnf <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = $PWD/index.txt
crlnumber = $PWD/crlnumber
default_md = sha256
default_crl_days = $days
CNF
q openssl ca -config ca.cnf -revoke revoked.crt -keyfile ca.key -cert ca.crt
q openssl ca -config ca.cnf -gencrl -keyfile ca.key -cert ca.crt -out ca.crl
cp ca.crl "crldir/$(openssl crl -in ca.crl -noout -hash).r0"

sign client "/CN=auth_cert"
mv client.key client-pkcs8.key
q openssl rsa -in client-pkcs8.key -traditional -out client-pkcs1.key
q openssl pkcs8 -topk8 -in client-pkcs8.key -out client-enc-pkcs8.key -passout pass:secret
q openssl rsa -in client-pkcs8.key -traditional -aes256 -out client-enc-pkcs1.key -passout pass:secret

q openssl ecparam -name prime256v1 -genkey -noout -out client-ec.key
q openssl req -new -key client-ec.key -subj "/CN=auth_cert" -out client-ec.csr
q openssl x509 -req -days $days -in client-ec.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client-ec.crt
rm -f client-ec.csr

chmod 600 ./*.key
chmod 644 ./*.crt ca.crl crldir/*
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
  chown postgres: server.key revoked.key
fi
