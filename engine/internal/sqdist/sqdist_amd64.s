#include "textflag.h"

#define PREFETCH 8

// func distsAVX2(out, x *float64, d int, rows *int32, n int, cT *float64, kp int)
//
// For m < n: row = x + (rows == nil ? m : rows[m])·d; for every group of 4 centres g,
// acc = 0; for t < d: acc += (broadcast(row[t]) − cT[t·kp + 4g : +4])², with a separate
// subtract, multiply and add (no FMA), so that every lane is bit-identical to the scalar
// loop; out[m·kp + 4g : +4] = acc. Groups are processed two at a time (two independent
// accumulators), then the odd one left.
TEXT ·distsAVX2(SB), NOSPLIT, $0-56
	MOVQ out+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ d+16(FP), DX
	MOVQ rows+24(FP), R8
	MOVQ n+32(FP), CX
	MOVQ cT+40(FP), R9
	MOVQ kp+48(FP), R10
	SHLQ $3, R10 // bytes per transposed row of centres, and per output row
	TESTQ CX, CX
	JZ done

row:
	TESTQ R8, R8
	JZ contiguous
	CMPQ CX, $PREFETCH
	JLE noprefetch
	// The rows are scattered: start fetching the first and last cache line of the row
	// PREFETCH rows ahead (for d ≤ 9, all of it).
	MOVLQSX (4*PREFETCH)(R8), AX
	IMULQ DX, AX
	LEAQ (SI)(AX*8), AX
	PREFETCHT0 (AX)
	PREFETCHT0 -8(AX)(DX*8)

noprefetch:
	MOVLQSX (R8), AX
	IMULQ DX, AX
	LEAQ (SI)(AX*8), AX
	ADDQ $4, R8
	JMP haverow

contiguous:
	MOVQ SI, AX
	LEAQ (SI)(DX*8), SI

haverow:
	XORQ BX, BX // byte offset of the current group of centres

pairs:
	LEAQ 64(BX), R11
	CMPQ R11, R10
	JGT single
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	MOVQ AX, R11
	LEAQ (R9)(BX*1), R12
	MOVQ DX, R13

pairloop:
	VBROADCASTSD (R11), Y2
	VSUBPD (R12), Y2, Y3
	VSUBPD 32(R12), Y2, Y4
	VMULPD Y3, Y3, Y3
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y0, Y0
	VADDPD Y4, Y1, Y1
	ADDQ $8, R11
	ADDQ R10, R12
	DECQ R13
	JNZ pairloop
	VMOVUPD Y0, (DI)(BX*1)
	VMOVUPD Y1, 32(DI)(BX*1)
	ADDQ $64, BX
	JMP pairs

single:
	CMPQ BX, R10
	JGE nextrow
	VXORPD Y0, Y0, Y0
	MOVQ AX, R11
	LEAQ (R9)(BX*1), R12
	MOVQ DX, R13

singleloop:
	VBROADCASTSD (R11), Y2
	VSUBPD (R12), Y2, Y3
	VMULPD Y3, Y3, Y3
	VADDPD Y3, Y0, Y0
	ADDQ $8, R11
	ADDQ R10, R12
	DECQ R13
	JNZ singleloop
	VMOVUPD Y0, (DI)(BX*1)

nextrow:
	ADDQ R10, DI
	DECQ CX
	JNZ row

done:
	VZEROUPPER
	RET

// func nearestSSE(dist *float64, n, kp, k int, best *int32, near, second *float64)
//
// For m < n, over the k values v[j] = dist[m·kp + j]: best[m] = the index of the smallest
// (ties to the lowest index), near[m] = that value, second[m] = the smallest of the others
// (+Inf if k = 1). Without data-dependent branches: second = min(second, max(near, v));
// best = v < near ? j : best; near = min(near, v), as the pure-Go loop does.
TEXT ·nearestSSE(SB), NOSPLIT, $0-56
	MOVQ dist+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ kp+16(FP), R8
	SHLQ $3, R8
	MOVQ k+24(FP), R9
	MOVQ best+32(FP), DI
	MOVQ near+40(FP), R10
	MOVQ second+48(FP), R11
	MOVQ $0x7FF0000000000000, DX // +Inf
	TESTQ CX, CX
	JZ nearestdone

nearestrow:
	MOVSD (SI), X0 // near
	MOVQ DX, X1    // second
	XORQ AX, AX    // best
	MOVQ $1, BX    // j

nearestloop:
	CMPQ BX, R9
	JGE neareststore
	MOVSD (SI)(BX*8), X2
	MOVAPD X0, X3
	MAXSD X2, X3
	MINSD X3, X1
	UCOMISD X0, X2 // CF = v < near
	CMOVQCS BX, AX
	MINSD X2, X0
	INCQ BX
	JMP nearestloop

neareststore:
	MOVL AX, (DI)
	MOVSD X0, (R10)
	MOVSD X1, (R11)
	ADDQ $4, DI
	ADDQ $8, R10
	ADDQ $8, R11
	ADDQ R8, SI
	DECQ CX
	JNZ nearestrow

nearestdone:
	RET
