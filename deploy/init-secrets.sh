#!/bin/sh
# Creates deploy/secrets/ for compose.yaml: random database passwords (and the two database URLs
# that use them) and a random operator key. The third-party secrets you write yourself; compose
# refuses to start while one of their files is missing. Never commit deploy/secrets/.
set -eu
cd "$(dirname "$0")"
# The directory keeps other host users out. The files themselves must be readable inside the
# containers (compose bind-mounts them as they are, and PayGate runs as uid 1000, PostgreSQL as 999).
mkdir -p secrets
chmod 0700 secrets
umask 022
random() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
keep() { [ -s "secrets/$1" ] || { printf '%s\n' "$2" > "secrets/$1" && chmod 0444 "secrets/$1"; }; }
keep postgres_password "$(random)"
keep paygate_owner_password "$(random)"
keep paygate_app_password "$(random)"
keep database_owner_url "postgres://paygate_owner:$(cat secrets/paygate_owner_password)@postgres:5432/paygate"
keep database_url "postgres://paygate_app:$(cat secrets/paygate_app_password)@postgres:5432/paygate"
keep paygate_operator_key "$(random)"
missing=""
for name in nowpayments_api_key nowpayments_ipn_secret telegram_bot_token changenow_api_key ethereum_rpc_url host_wallet_private_key dashboard_signing_key; do
  [ -s "secrets/$name" ] || missing="$missing $name"
done
[ -z "$missing" ] || echo "still to write into deploy/secrets/ (one value per file, readable: chmod 0444):$missing"
