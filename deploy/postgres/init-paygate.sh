#!/bin/sh
# Runs once, when the postgres volume is empty (docker-entrypoint-initdb.d): the two roles PayGate
# uses (docs/operations.md, "Database roles") and its database, owned by the owner role.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$(cat /run/secrets/paygate_owner_password)" \
  -v app_password="$(cat /run/secrets/paygate_app_password)" <<'SQL'
CREATE ROLE paygate_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE paygate_app LOGIN PASSWORD :'app_password';
CREATE DATABASE paygate OWNER paygate_owner;
SQL
