#!/bin/sh
# Run the core benchmark natively (ns per unit, median of several runs) and,
# when valgrind is installed, once more under callgrind for instructions per
# unit; print one merged line per step:
#   W3.map ns=20.98 instr=355 tables=35 flushes=0
# A step with a baseline ("loop.<step>", see bench/bench_pt.c) gets the
# baseline's instructions subtracted and shown: ... flushes=0 loop=13.0
# Usage: bench/run-bench.sh build/host/bench_pt   (BENCH_NO_INSTR=1 skips callgrind)
set -e
bin=$1
out=$(dirname "$bin")/bench-out
mkdir -p "$out"
rm -f "$out"/cg.out.*
"$bin" >"$out/ns.txt"
: >"$out/ir.txt"
if [ -z "$BENCH_NO_INSTR" ] && command -v valgrind >/dev/null 2>&1; then
	valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$out/cg.out" \
		"$bin" --instr >"$out/instr-run.txt" 2>"$out/valgrind.log"
	for f in "$out"/cg.out*; do
		name=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
		ir=$(sed -n 's/^totals: *//p; s/^summary: *//p' "$f" | head -n 1 | cut -d' ' -f1)
		case "$name" in W*|loop.*) echo "$name $ir" >>"$out/ir.txt" ;; esac
	done
else
	echo "(instr column skipped: BENCH_NO_INSTR set or valgrind not found)"
fi
awk 'FILENAME == ARGV[1] { ir[$1] = $2; next }
$1 ~ /^loop\./ { next }
{
	units = 1; line = $1 " " $2; loop = ""
	for (i = 3; i <= NF; i++) if ($i ~ /^units=/) { units = substr($i, 7) }
	key = $1 == "W6.unmap" ? "W1.unmap" : $1
	base = 0
	if (("loop." key) in ir) { base = ir["loop." key]; loop = sprintf(" loop=%.1f", base / units) }
	if (key in ir) line = line sprintf(" instr=%.1f", (ir[key] - base) / units)
	for (i = 3; i <= NF; i++) if ($i !~ /^units=/) line = line " " $i
	print line loop
}' "$out/ir.txt" "$out/ns.txt"
