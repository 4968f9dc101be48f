package common

import (
	"fmt"

	"github.com/seglab/seglab/tui/backend"
)

// Reconcile returns seg brought up to date with the assignments read back after segments
// were merged on the Profiles screen: K, labels and sizes follow the assignments, and the
// centroid of a segment that absorbed others is the size-weighted mean of theirs in the
// scaled space — the mean of all its customers' points when each old centroid was the mean of
// its own; any other segment keeps its centroid exactly. Customers keep seg's order. It fails when a customer is missing from a or when an
// old segment was split (no merge does that).
func Reconcile(seg *backend.Segmentation, a backend.Assignments) (*backend.Segmentation, error) {
	if seg == nil {
		return nil, fmt.Errorf("no segmentation")
	}
	now := make(map[string]int, len(a.IDs))
	for i, id := range a.IDs {
		now[id] = a.Segments[i]
	}
	into := make([]int, seg.K) // old label → new label (0-based); -1 unknown
	for i := range into {
		into[i] = -1
	}
	labels := make([]int, len(seg.IDs))
	k := 0
	for i, id := range seg.IDs {
		s, ok := now[id]
		if !ok {
			return nil, fmt.Errorf("customer %s has no segment any more", id)
		}
		l := s - 1
		old := seg.Labels[i]
		switch {
		case l < 0:
			return nil, fmt.Errorf("customer %s has segment %d", id, s)
		case into[old] == -1:
			into[old] = l
		case into[old] != l:
			return nil, fmt.Errorf("segment %d was split", old+1)
		}
		labels[i] = l
		k = max(k, l+1)
	}
	w := seg.Fitted.Width()
	out := *seg
	out.K, out.Labels, out.Sizes = k, labels, make([]int, k)
	for _, l := range labels {
		out.Sizes[l]++
	}
	if w > 0 && len(seg.Centroids) == seg.K*w {
		out.Centroids = make([]float64, k*w)
		weight := make([]float64, k)
		sources := make([]int, k) // old segments in each new one
		for old, l := range into {
			if l < 0 {
				continue
			}
			n := float64(seg.Sizes[old])
			weight[l] += n
			sources[l]++
			for j := range w {
				out.Centroids[l*w+j] += n * seg.Centroids[old*w+j]
			}
		}
		for old, l := range into {
			if l >= 0 && sources[l] == 1 { // kept as it was, bit for bit
				copy(out.Centroids[l*w:(l+1)*w], seg.Centroids[old*w:(old+1)*w])
			}
		}
		for l := range k {
			for j := range w {
				if weight[l] > 0 && sources[l] > 1 {
					out.Centroids[l*w+j] /= weight[l]
				}
			}
		}
	}
	out.Metrics.K = k
	out.Metrics.Sizes = append([]int(nil), out.Sizes...)
	return &out, nil
}

// Merged returns seg with segment from merged into segment into (both 1..K), numbered as
// backend.Profiler.Merge numbers the assignments: from's customers join into, the segments
// above from move down by one, and the merged centroid is the size-weighted mean of the two
// (see Reconcile). Every customer keeps the segment the merge gives it, even one that is now
// nearer a third segment's centroid: backend.Rescorer scores them again.
func Merged(seg *backend.Segmentation, into, from int) (*backend.Segmentation, error) {
	if seg == nil {
		return nil, fmt.Errorf("no segmentation")
	}
	if into == from || into < 1 || from < 1 || into > seg.K || from > seg.K {
		return nil, fmt.Errorf("cannot merge segment %d into %d of %d", from, into, seg.K)
	}
	a := backend.Assignments{IDs: seg.IDs, Segments: make([]int, len(seg.Labels))}
	for i, l := range seg.Labels {
		s := l + 1
		if s == from {
			s = into
		}
		if s > from {
			s--
		}
		a.Segments[i] = s
	}
	return Reconcile(seg, a)
}
