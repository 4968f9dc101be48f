package workspace

import (
	"context"

	"github.com/seglab/seglab/engine/segviews"
)

// Views computes the segment views of s (silhouette per segment, the map on the first two
// principal components, membership rules) on its fitted customers, as the report does for a
// saved definition (segviews.Compute).
func (s *Segmentation) Views(ctx context.Context) (*segviews.Views, error) {
	pr := s.Input.Prepared
	labels := make([]int, pr.N)
	for i, row := range pr.Rows {
		labels[i] = s.Labels[row] + 1
	}
	return segviews.Compute(ctx, s.K, s.Input.Request.KMeans.Seed, s.Input.Rows.Table, pr, labels)
}
