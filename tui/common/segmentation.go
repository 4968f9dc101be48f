package common

import (
	"fmt"

	"github.com/seglab/seglab/tui/backend"
)

// Reconcile returns seg brought up to date with the assignments read back after segments
// were merged on the Profiles screen: K, labels and sizes follow the assignments, and the
// centroid of a segment that absorbed others is the size-weighted mean of theirs in the
// scaled space — the mean of all its customers' points when each old centroid was the mean of
// its own. Customers keep seg's order. It fails when a customer is missing from a or when an
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
		for old, l := range into {
			if l < 0 {
				continue
			}
			n := float64(seg.Sizes[old])
			weight[l] += n
			for j := range w {
				out.Centroids[l*w+j] += n * seg.Centroids[old*w+j]
			}
		}
		for l := range k {
			for j := range w {
				if weight[l] > 0 {
					out.Centroids[l*w+j] /= weight[l]
				}
			}
		}
	}
	out.Metrics.K = k
	out.Metrics.Sizes = append([]int(nil), out.Sizes...)
	return &out, nil
}
