/* SPDX-License-Identifier: MIT */
/*
 * int fault_try_call(struct fault_ctx *ctx, void (*fn)(void *), void *arg)
 * Save the AAPCS64 callee-saved state (x19-x30, sp, d8-d15) in ctx, call
 * fn(arg), return 0. fault_try_landing is where boot/fault.c sends an
 * expected exception (ELR), with x0 = ctx: it restores that state and
 * returns 1 from fault_try_call, as if fn had returned.
 */
	.text
	.global fault_try_call
	.type fault_try_call, %function
fault_try_call:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x9, sp
	str	x9, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	mov	x19, x0
	mov	x0, x2
	blr	x1
	mov	x0, x19
	mov	w1, #0
	b	1f

	.global fault_try_landing
	.type fault_try_landing, %function
fault_try_landing:
	mov	w1, #1
1:	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x9, [x0, #96]
	mov	sp, x9
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, w1
	ret
	.size fault_try_call, . - fault_try_call
