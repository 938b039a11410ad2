#!/usr/bin/env bash
# Load test on loopback: gunicorn (one worker per core) under wrk with 50 connections.
# Usage: bench/loadtest.sh [seconds]   (DATABASE_URL must point at a loaded database)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
port="${LOADTEST_PORT:-8766}"
command -v wrk >/dev/null || { echo "The load test needs wrk: apt-get install wrk" >&2; exit 1; }

export DJANGO_HTTPS=0 DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=WARNING
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/14}"

.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/gunicorn lpip_hub.wsgi --workers "$(nproc)" --bind "127.0.0.1:$port" \
  --log-level warning &
server=$!
trap 'kill $server; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

echo "wrk: 50 connections, ${seconds} s, main public pages, $(nproc) gunicorn workers"
wrk -t2 -c50 -d"${seconds}s" --timeout 10s -s bench/main-pages.lua "http://127.0.0.1:$port"
