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
