#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session in which gnome-keyring
# runs with an unlocked keyring in a throw-away directory. Used by the tests of API keys in
# the OS keyring (QUICKREPLY_TEST_SECRET_SERVICE=1 turns them on); never touches the
# user's own keyrings.
#   scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
if [[ "${1:-}" != "--inside" ]]; then
    command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null || {
        echo "with-keyring: needs dbus-run-session and gnome-keyring-daemon (run scripts/setup.sh)" >&2
        exit 1
    }
    exec dbus-run-session -- "$0" --inside "$@"
fi
shift
keyrings=$(mktemp -d)
trap 'rm -rf "$keyrings"' EXIT
export XDG_DATA_HOME=$keyrings
# --unlock reads the password from stdin and creates the "login" keyring with it; its output
# is the environment (control socket) clients may use.
eval "$(printf %s quickreply-test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export QUICKREPLY_TEST_SECRET_SERVICE=1
"$@"
