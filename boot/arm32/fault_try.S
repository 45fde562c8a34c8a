/* SPDX-License-Identifier: MIT */
/*
 * int fault_try_call(struct fault_ctx *ctx, void (*fn)(void *), void *arg)
 * Save the AAPCS callee-saved state (r4-r11, sp, lr, d8-d15) in ctx, call
 * fn(arg), return 0. fault_try_landing is where boot/fault.c sends an
 * expected exception (the frame's return address), with r0 = ctx, in ARM
 * state: it restores that state and returns 1 from fault_try_call, as if fn
 * had returned.
 */
	.arm
	.syntax unified
	.fpu	vfpv3

	.text
	.global fault_try_call
	.type fault_try_call, %function
fault_try_call:
	stmia	r0, {r4-r11}
	str	sp, [r0, #32]
	str	lr, [r0, #36]
	add	r3, r0, #40
	vstmia	r3, {d8-d15}
	mov	r4, r0
	mov	r0, r2
	blx	r1
	mov	r0, r4
	mov	r1, #0
	b	1f

	.global fault_try_landing
	.type fault_try_landing, %function
fault_try_landing:
	mov	r1, #1
1:	add	r3, r0, #40
	vldmia	r3, {d8-d15}
	ldr	sp, [r0, #32]
	ldr	lr, [r0, #36]
	ldmia	r0, {r4-r11}
	mov	r0, r1
	bx	lr
	.size fault_try_call, . - fault_try_call
