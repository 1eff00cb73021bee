#!/usr/bin/env bash
# The two system libraries the Python packages cannot bring: GNU gettext (msgfmt, for
# `compilemessages`) and Pango (for WeasyPrint's PDFs). Installs Debian's packages if either is
# missing (as root, like Chromium in ensure-services.sh). Safe to run again.
set -euo pipefail

missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q 'libpango-1\.0\.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1\.0\.so' || missing+=(libpangoft2-1.0-0)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]} (Debian names). Install them as root." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]}..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
