#!/bin/sh
# The project's set-up and entry points; needs only python3 (and apt-get, as root, for what Debian lacks).
#   sh scripts/dev.sh run     environment + install + build data/ocop.db from the bundled corpus + serve on 127.0.0.1
#   sh scripts/dev.sh test    environment + install + ruff + pytest
#   sh scripts/dev.sh setup   environment + install only
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
PORT=${PORT:-8001}

apt_install() {
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
    else
        echo "missing system packages: $* (install them with apt-get as root)" >&2
        exit 1
    fi
}

system_packages() {
    # OCR (Tesseract and its Vietnamese model), legacy Word files (antiword), and the
    # DejaVu fonts the corpus and test PDFs are set in.
    missing=""
    command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
    [ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || missing="$missing tesseract-ocr-vie"
    command -v antiword >/dev/null 2>&1 || missing="$missing antiword"
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
    if [ -n "$missing" ]; then apt_install $missing; fi
}

setup() {
    # Debian splits venv/ensurepip out of python3.
    "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1 || apt_install python3-venv
    system_packages
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    stamp="$VENV/.installed"
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e ".[test]"
        touch "$stamp"
    fi
}

case "${1:-}" in
    setup) setup ;;
    run)
        setup
        "$VENV/bin/ocop" build --corpus corpus/documents --db data/ocop.db
        exec "$VENV/bin/ocop" serve --db data/ocop.db --port "$PORT"
        ;;
    build)
        setup
        "$VENV/bin/ocop" build --corpus corpus/documents --db data/ocop.db
        ;;
    test)
        setup
        # The browser test drives Debian's chromium (never a downloaded browser).
        command -v chromium >/dev/null 2>&1 || apt_install chromium
        "$VENV/bin/ruff" check pipeline extractors tests scripts corpus
        shift; exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: sh scripts/dev.sh run|test|build|setup" >&2
        exit 2
        ;;
esac
