# Shared by scripts/test, scripts/serve and scripts/build (sourced, not run): what a fresh Debian lacks.
# Installs Debian packages when missing (as root, or through sudo), then keeps the project in .venv: a fresh
# Debian has `python3` but no `python`, and its pip refuses to install outside a virtual environment.

apt_install() {  # apt_install PACKAGE… : install the given Debian packages
  [ $# -gt 0 ] || return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "安装 Debian 软件包：$*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_venv() {  # ensure_venv [EXTRAS] : .venv exists and has this package (with EXTRAS, e.g. "test")
  local missing=()
  command -v python3 >/dev/null || missing+=(python3)
  # `python3 -m venv` needs ensurepip, which Debian ships separately in python3-venv.
  command -v python3 >/dev/null && python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
  [ -x .venv/bin/python ] || apt_install "${missing[@]}"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local spec="." stamp=".venv/.installed"
  if [ -n "${1:-}" ]; then spec=".[$1]"; stamp=".venv/.installed-$1"; fi
  # The test install includes the plain one.
  if [ -z "${1:-}" ] && [ -f .venv/.installed-test ] && [ .venv/.installed-test -nt pyproject.toml ]; then
    return 0
  fi
  # Installed once, and again whenever pyproject.toml changes.
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
    touch "$stamp"
  fi
}

ensure_npm() {  # the pinned npm packages (package-lock.json): the search engine and the offline shim
  command -v npm >/dev/null || apt_install npm
  # npm ci rewrites node_modules/.package-lock.json: newer than package-lock.json means up to date.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Material for MkDocs prints an English end-of-life banner when MkDocs loads the theme, before any plugin of
# ours runs; every command here runs MkDocs with it off.
export NO_MKDOCS_2_WARNING=1
