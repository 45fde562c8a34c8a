# shellcheck shell=bash
# Shared by tools/run-tests, tools/check-board-image and tools/gdb-load-test
# (sourced, not run). Paths are relative to the top of the tree.
CROSS=${CROSS:-aarch64-linux-gnu-}

# make of our own, not a part of an outer make's job (its flags, -j, -k and
# level stay out of it).
submake() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -s "$@"
}

# mkvar BOARD NAME: a board.mk variable, evaluated by make itself.
mkvar() {
	# shellcheck disable=SC2016 # $(...) is make's, not the shell's
	submake -f "board/$1/board.mk" -f <(printf 'print-var: ; @echo $(%s)\n' "$2") print-var
}

# elf_entry ELF: the entry point, as readelf prints it (0x...).
elf_entry() {
	"${CROSS}readelf" -h "$1" | awk '/Entry point/ { print $4 }'
}

# The image's last summary line in a UART log ("# N passed, N failed[, N
# skipped]": a TAP comment), without the "# ", empty if there is none.
summary_line() {
	tr -d '\r' <"$1" | sed -n 's/^# \([0-9][0-9]* passed, [0-9][0-9]* failed.*\)/\1/p' | tail -1 || true
}

# Is a summary line a clean run: at least one test passed and none failed?
summary_clean() {
	[[ $1 =~ ^[1-9][0-9]*\ passed,\ 0\ failed ]]
}
