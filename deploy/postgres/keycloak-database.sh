#!/bin/sh
# Runs once, when the PostgreSQL container starts on an empty data folder: Keycloak gets its own
# role and database beside the passport database, never the passport role.
set -eu
psql --variable=ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --variable=password="$KEYCLOAK_DB_PASSWORD" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
