#!/usr/bin/env bash
# Runs every test of Touchpoint on a fresh machine: installs Chromium for the browser tests when it is missing,
# runs `dotnet test` for the whole solution (the tests start their own throwaway PostgreSQL), and ends with one
# line "N passed, N failed" summed over all test projects from their TRX results.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests (Debian package)..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null \
    || echo "warning: could not install chromium; browser tests will fail" >&2
fi

if [ ! -x /usr/sbin/dovecot ]; then
  # The email tests poll a real IMAP server: Debian's Dovecot, started by the tests in a temp folder (~20 s install).
  echo "Installing Dovecot for the IMAP tests (Debian package dovecot-imapd)..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends dovecot-imapd >/dev/null; } \
    || echo "warning: could not install dovecot-imapd; IMAP tests will fail" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=TestResults
rm -rf "$results"
dotnet test Touchpoint.slnx --logger "trx" --results-directory "$results" "$@"
rc=$?

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f_=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f_:-0}))
done
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
echo "${passed} passed, ${failed} failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
