package kmeans_test

import (
	"context"
	"fmt"

	"github.com/seglab/seglab/engine/kmeans"
)

func ExampleFit() {
	// Six customers described by two (already scaled) features.
	x := []float64{
		0.1, 0.2,
		0.0, 0.1,
		5.0, 5.1,
		5.2, 4.9,
		4.9, 5.0,
		0.2, 0.0,
	}
	res, err := kmeans.Fit(context.Background(), x, 6, 2, kmeans.Options{K: 2, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("labels:", res.Labels)
	fmt.Println("sizes:", res.Sizes)
	fmt.Printf("centroid 0: %.2f %.2f\n", res.Centroids[0], res.Centroids[1])
	fmt.Printf("inertia: %.4f\n", res.Inertia) // 0.04 + 0.0667

	// Score two new customers with the fitted centroids.
	labels, _ := kmeans.Assign([]float64{4.5, 4.5, 0.5, 0.5}, 2, 2, res.Centroids, res.K, nil)
	fmt.Println("new:", labels)
	// Output:
	// labels: [0 0 1 1 1 0]
	// sizes: [3 3]
	// centroid 0: 0.10 0.10
	// inertia: 0.1067
	// new: [1 0]
}
