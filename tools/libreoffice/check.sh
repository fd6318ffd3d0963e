#!/usr/bin/env bash
# Opens every export GradFlow writes in LibreOffice (issue 13), as a clerk's spreadsheet would: roster, HQ list,
# rejections, pending list and statistics, for HQ, a branch and a city, from an H2 file seeded with leading zeros,
# all-digit ID numbers, formula-like names, Chinese and 17-digit registration numbers (exports.LibreOfficeCheck).
# Each workbook is converted to CSV and saved again as .xlsx by LibreOffice and compared cell by cell with what POI
# reads in GradFlow's own; a city's pending list is filled in (决定 = 通过 on every row), saved by LibreOffice and read
# by the decisions import's reader. Manual: LibreOffice is too heavy for .ci/run and the default tests.
#   apt-get install -y libreoffice-calc-nogui      # once
#   tools/libreoffice/check.sh                     # OK/FAIL per file; exit 1 on a difference
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${DIR:-target/libreoffice-check}
command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-calc-nogui" >&2; exit 2; }
rm -rf "$DIR"
mkdir -p "$DIR/filled"
mvn -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/cp.txt" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$DIR/cp.txt")"
java -cp "$CP" cn.gradflow.exports.LibreOfficeCheck write "$DIR"

export HOME="$PWD/$DIR/home" # LibreOffice's profile: not the user's
SOFFICE=(soffice --headless --norestore)
CSV='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' # UTF-8, every sheet
"${SOFFICE[@]}" --convert-to "$CSV" --outdir "$DIR/csv" "$DIR"/xlsx/*.xlsx >/dev/null
"${SOFFICE[@]}" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$DIR/lo-xlsx" "$DIR"/xlsx/*.xlsx >/dev/null

# the clerk's decisions, typed into LibreOffice's CSV of the pending list, every column imported as text
python3 - "$DIR" <<'PY'
import csv, sys
d = sys.argv[1]
rows = list(csv.reader(open(f"{d}/csv/pending-XB1C1-待处理名单.csv", encoding="utf-8", newline="")))
col = rows[0].index("决定")
for r in rows[1:]:
    r[col] = "通过"
csv.writer(open(f"{d}/filled/pending-XB1C1.csv", "w", encoding="utf-8", newline="")).writerows(rows)
PY
TEXT=$(seq -s/ 1 14 | sed 's#\([0-9]*\)#\1/2#g')
"${SOFFICE[@]}" --infilter="CSV:44,34,76,1,$TEXT" --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$DIR/filled" \
    "$DIR/filled/pending-XB1C1.csv" >/dev/null

java -cp "$CP" cn.gradflow.exports.LibreOfficeCheck check "$DIR"
