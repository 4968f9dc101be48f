#include "textflag.h"

#define PREFETCH 8

// func distsAVX2(out, x *float64, d int, rows *int32, n int, cT *float64, kp int)
//
// For m < n: row = x + (rows == nil ? m : rows[m])·d; for every group of 4 centres g,
// acc = 0; for t < d: acc += (broadcast(row[t]) − cT[t·kp + 4g : +4])², with a separate
// subtract, multiply and add (no FMA), so that every lane is bit-identical to the scalar
// loop; out[m·kp + 4g : +4] = acc. Rows are processed two at a time and groups two at a
// time (four independent sums in flight), then the odd group and the odd row left.
//
// Registers: DI out row, SI x (next row when contiguous), DX d·8, R8 rows, CX rows left,
// R9 cT, R10 kp·8, AX and R13 the two rows, BX byte offset of the group, R11 t·8,
// R12 cT + t·kp·8 + BX.
TEXT ·distsAVX2(SB), NOSPLIT, $0-56
	MOVQ out+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ d+16(FP), DX
	SHLQ $3, DX
	MOVQ rows+24(FP), R8
	MOVQ n+32(FP), CX
	MOVQ cT+40(FP), R9
	MOVQ kp+48(FP), R10
	SHLQ $3, R10

rowpair:
	CMPQ CX, $2
	JLT lastrow
	TESTQ R8, R8
	JZ contiguous2
	CMPQ CX, $(PREFETCH+1)
	JLE noprefetch2
	// The rows are scattered: start fetching the first and last cache line of the rows
	// PREFETCH ahead (for d ≤ 9, all of them).
	MOVLQSX (4*PREFETCH)(R8), AX
	IMULQ DX, AX
	ADDQ SI, AX
	PREFETCHT0 (AX)
	PREFETCHT0 -8(AX)(DX*1)
	MOVLQSX (4*PREFETCH+4)(R8), AX
	IMULQ DX, AX
	ADDQ SI, AX
	PREFETCHT0 (AX)
	PREFETCHT0 -8(AX)(DX*1)

noprefetch2:
	MOVLQSX (R8), AX
	IMULQ DX, AX
	ADDQ SI, AX
	MOVLQSX 4(R8), R13
	IMULQ DX, R13
	ADDQ SI, R13
	ADDQ $8, R8
	JMP haverows2

contiguous2:
	MOVQ SI, AX
	LEAQ (SI)(DX*1), R13
	LEAQ (R13)(DX*1), SI

haverows2:
	XORQ BX, BX

groups2:
	LEAQ 64(BX), R11
	CMPQ R11, R10
	JGT single2
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	XORQ R11, R11
	LEAQ (R9)(BX*1), R12

loop22:
	VBROADCASTSD (AX)(R11*1), Y2
	VBROADCASTSD (R13)(R11*1), Y7
	VMOVUPD (R12), Y8
	VMOVUPD 32(R12), Y9
	VSUBPD Y8, Y2, Y3
	VSUBPD Y9, Y2, Y4
	VSUBPD Y8, Y7, Y10
	VSUBPD Y9, Y7, Y11
	VMULPD Y3, Y3, Y3
	VMULPD Y4, Y4, Y4
	VMULPD Y10, Y10, Y10
	VMULPD Y11, Y11, Y11
	VADDPD Y3, Y0, Y0
	VADDPD Y4, Y1, Y1
	VADDPD Y10, Y5, Y5
	VADDPD Y11, Y6, Y6
	ADDQ $8, R11
	ADDQ R10, R12
	CMPQ R11, DX
	JLT loop22
	VMOVUPD Y0, (DI)(BX*1)
	VMOVUPD Y1, 32(DI)(BX*1)
	LEAQ (DI)(R10*1), R12
	VMOVUPD Y5, (R12)(BX*1)
	VMOVUPD Y6, 32(R12)(BX*1)
	ADDQ $64, BX
	JMP groups2

single2:
	CMPQ BX, R10
	JGE next2
	VXORPD Y0, Y0, Y0
	VXORPD Y5, Y5, Y5
	XORQ R11, R11
	LEAQ (R9)(BX*1), R12

loop21:
	VBROADCASTSD (AX)(R11*1), Y2
	VBROADCASTSD (R13)(R11*1), Y7
	VMOVUPD (R12), Y8
	VSUBPD Y8, Y2, Y3
	VSUBPD Y8, Y7, Y10
	VMULPD Y3, Y3, Y3
	VMULPD Y10, Y10, Y10
	VADDPD Y3, Y0, Y0
	VADDPD Y10, Y5, Y5
	ADDQ $8, R11
	ADDQ R10, R12
	CMPQ R11, DX
	JLT loop21
	VMOVUPD Y0, (DI)(BX*1)
	LEAQ (DI)(R10*1), R12
	VMOVUPD Y5, (R12)(BX*1)

next2:
	LEAQ (DI)(R10*2), DI
	SUBQ $2, CX
	JMP rowpair

lastrow:
	TESTQ CX, CX
	JZ done
	MOVQ SI, AX
	TESTQ R8, R8
	JZ haverow1
	MOVLQSX (R8), AX
	IMULQ DX, AX
	ADDQ SI, AX

haverow1:
	XORQ BX, BX

groups1:
	LEAQ 64(BX), R11
	CMPQ R11, R10
	JGT single1
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	XORQ R11, R11
	LEAQ (R9)(BX*1), R12

loop12:
	VBROADCASTSD (AX)(R11*1), Y2
	VSUBPD (R12), Y2, Y3
	VSUBPD 32(R12), Y2, Y4
	VMULPD Y3, Y3, Y3
	VMULPD Y4, Y4, Y4
	VADDPD Y3, Y0, Y0
	VADDPD Y4, Y1, Y1
	ADDQ $8, R11
	ADDQ R10, R12
	CMPQ R11, DX
	JLT loop12
	VMOVUPD Y0, (DI)(BX*1)
	VMOVUPD Y1, 32(DI)(BX*1)
	ADDQ $64, BX
	JMP groups1

single1:
	CMPQ BX, R10
	JGE done
	VXORPD Y0, Y0, Y0
	XORQ R11, R11
	LEAQ (R9)(BX*1), R12

loop11:
	VBROADCASTSD (AX)(R11*1), Y2
	VSUBPD (R12), Y2, Y3
	VMULPD Y3, Y3, Y3
	VADDPD Y3, Y0, Y0
	ADDQ $8, R11
	ADDQ R10, R12
	CMPQ R11, DX
	JLT loop11
	VMOVUPD Y0, (DI)(BX*1)

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

// func prefetchAVX2(x *float64, d int, rows *int32, n int)
//
// PREFETCHT1 the first and last cache line of rows rows[0..n) of x (d columns).
TEXT ·prefetchAVX2(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ d+8(FP), DX
	SHLQ $3, DX
	MOVQ rows+16(FP), R8
	MOVQ n+24(FP), CX
	TESTQ CX, CX
	JZ pfdone

pfloop:
	MOVLQSX (R8), AX
	IMULQ DX, AX
	ADDQ SI, AX
	PREFETCHT1 (AX)
	PREFETCHT1 -8(AX)(DX*1)
	ADDQ $4, R8
	DECQ CX
	JNZ pfloop

pfdone:
	RET

// func sqrtAVX2(v *float64, n int)
//
// v[i] = √v[i] for i < n: eight at a time with VSQRTPD, then one at a time with SQRTSD.
// Both are correctly rounded (IEEE 754), as math.Sqrt is.
TEXT ·sqrtAVX2(SB), NOSPLIT, $0-16
	MOVQ v+0(FP), SI
	MOVQ n+8(FP), CX

sqrt8:
	CMPQ CX, $8
	JLT sqrt1
	VSQRTPD (SI), Y0
	VSQRTPD 32(SI), Y1
	VMOVUPD Y0, (SI)
	VMOVUPD Y1, 32(SI)
	ADDQ $64, SI
	SUBQ $8, CX
	JMP sqrt8

sqrt1:
	TESTQ CX, CX
	JZ sqrtdone
	SQRTSD (SI), X0
	MOVSD X0, (SI)
	ADDQ $8, SI
	DECQ CX
	JMP sqrt1

sqrtdone:
	VZEROUPPER
	RET
