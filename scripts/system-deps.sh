#!/usr/bin/env bash
# Installs the Debian packages that OCR, the browser test and the PostgreSQL tests need, when missing.
# Safe to re-run; needs root (CI and the developers' machines are root). `make install` prints this hint.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in jpn jpn_vert vie eng osd; do
  ls /usr/share/tesseract-ocr/*/tessdata/"$lang".traineddata >/dev/null 2>&1 \
    || need+=("tesseract-ocr-${lang//_/-}")
done
command -v pdftoppm >/dev/null || need+=(poppler-utils)
ls /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc >/dev/null 2>&1 || need+=(fonts-noto-cjk)  # scanned test pages
ls /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf >/dev/null 2>&1 || need+=(fonts-dejavu-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
