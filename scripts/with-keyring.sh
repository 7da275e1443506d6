#!/bin/sh
# Runs a command with a real, unlocked Secret Service (GNOME Keyring) on a private D-Bus session bus, with the
# keyring kept in throw-away XDG folders — so keytar tests exercise the real keychain without touching
# the user's own keyring. Usage: scripts/with-keyring.sh <command> [args...]; exits with the command's status.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: $tool is missing. Install: apt-get install -y gnome-keyring dbus dbus-x11 libsecret-tools" >&2
    exit 127
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mlswb-keyring.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$tmp/data" "$tmp/run"
chmod 700 "$tmp/run"

# --unlock reads the new keyring's password from stdin and creates the "login" keyring unlocked. The daemon runs in
# the foreground of a background job so it can be stopped by its pid afterwards: started the usual (forking) way it
# can outlive the bus and hold files in the temp folder.
XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" dbus-run-session -- sh -c '
  printf %s pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  daemon=$!
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$daemon" 2>/dev/null; then
      echo "with-keyring: gnome-keyring-daemon did not start" >&2
      kill "$daemon" 2>/dev/null
      exit 1
    fi
    sleep 0.1
  done
  "$@"
  status=$?
  kill "$daemon" 2>/dev/null
  wait "$daemon" 2>/dev/null
  exit "$status"
' with-keyring "$@"
