/* SPDX-License-Identifier: MIT */
/*
 * The operations (mmu/pt_op.c, not for callers): validate, prepare, commit,
 * abort, and the one-call form the public calls fall back to.
 */
#ifndef GPUMMU_MMU_PT_OP_H
#define GPUMMU_MMU_PT_OP_H

#include "pt_edit.h"

/* prepare + commit back to back: nothing can run in between, so the tables
 * reserved are what the tables as they are need, not the worst case. */
int pt_run(struct pt *pt, struct pt_op *op);
/* Abort every op still prepared (pt_fini). */
void pt_abort_all(struct pt *pt);

#endif
