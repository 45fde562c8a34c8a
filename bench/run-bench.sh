#!/bin/sh
# Run the benchmark (bench/bench.c) natively (ns per unit, median of several
# runs) and, when valgrind is installed, once more under callgrind for x86-64
# instructions per unit; print one line per workload with both sides and the
# ratio gpummu/Linux (instructions; ns when callgrind did not run) against the
# issue's target (<= 0.5 per page or per call, <= 1.0 for one call over 1 GiB).
# A benchmark, not a test: a missed target is printed, never an exit status.
# Per-call steps have the baseline loop's instructions subtracted (loop= shows
# it per unit). Usage: bench/run-bench.sh build/host/bench  (BENCH_NO_INSTR=1
# skips callgrind). Raw outputs stay in build/host/bench-out/.
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
		[ -n "$name" ] && echo "$name $ir" >>"$out/ir.txt"
	done
else
	echo "(instr columns skipped: BENCH_NO_INSTR set or valgrind not found)"
fi
grep '^#' "$out/ns.txt" || true
awk '
function field(line, key,   n, i, a) {
	n = split(line, a, " ")
	for (i = 2; i <= n; i++) if (index(a[i], key "=") == 1) return substr(a[i], length(key) + 2)
	return ""
}
function loopkey(step) {
	if (step == "W3.map") return "loop.W3.map"
	if (step ~ /^W3\.unmap/) return "loop.W3.unmap"
	if (step == "W4.lookup") return "loop.W4.lookup"
	return ""
}
function instr(side, step,   k, base) {
	k = side "." step
	if (!(k in ir)) return ""
	base = loopkey(step) in ir ? ir[loopkey(step)] : 0
	return (ir[k] - base) / units[k]
}
FILENAME == ARGV[1] { ir[$1] = $2; next }
/^#/ { next }
/^B1 / { b1 = $0; next }
{ line[$1] = $0; units[$1] = field($0, "units") }
END {
	n = split("W1.map W1.unmap W2.map W2.unmap W3.map W3.unmap_single W3.unmap W4.lookup " \
		  "W5.map W6.unmap B1.prepare B1.commit", steps, " ")
	printf "%-16s %12s %12s %12s %12s %7s %7s  %s\n", "workload", "gpummu ns", "Linux ns",
	       "gpummu instr", "Linux instr", "ratio", "target", "flushes g/L, pages g/L"
	for (i = 1; i <= n; i++) {
		s = steps[i]; g = "gpummu." s; l = "Linux." s
		if (!(g in line)) continue
		gi = instr("gpummu", s); li = instr("Linux", s)
		gn = field(line[g], "ns"); ln = l in line ? field(line[l], "ns") : ""
		target = s ~ /^(W5|W6)/ ? 1.0 : s ~ /^B1/ ? "" : 0.5
		ratio = ""
		if (gi != "" && li != "" && li > 0) ratio = gi / li
		else if (ln != "" && ln > 0) ratio = gn / ln
		verdict = ratio == "" || target == "" ? "" : ratio <= target ? "met" : "MISSED"
		printf "%-16s %12s %12s %12s %12s %7s %7s  %s/%s, %s/%s %s\n", s, gn, ln == "" ? "-" : ln,
		       gi == "" ? "-" : sprintf("%.1f", gi), li == "" ? "-" : sprintf("%.1f", li),
		       ratio == "" ? "-" : sprintf("%.2f", ratio), target == "" ? "-" : sprintf("%.1f", target),
		       field(line[g], "flushes"), l in line ? field(line[l], "flushes") : "-",
		       field(line[g], "pages"), l in line ? field(line[l], "pages") : "-", verdict
	}
	for (k in ir) if (k ~ /^loop\./ && (k "") != "") printf "baseline %s: %.1f instr per unit (subtracted)\n", k, ir[k] / units[k]
	if (b1 != "") print "prepared binds (B1, 10^4 random binds queued, committed shuffled): " substr(b1, 4)
}' "$out/ir.txt" "$out/ns.txt"
