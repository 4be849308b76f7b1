package server_test

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// earthRadiusM is the radius Neo4j's point.distance uses for WGS84 points.
const earthRadiusM = 6378140.0

// haversineKm is the great-circle distance between two points, computed
// here independently of Neo4j.
func haversineKm(a, b civic.GeoPoint) float64 {
	rad := math.Pi / 180
	dLat, dLon := (b.Latitude-a.Latitude)*rad, (b.Longitude-a.Longitude)*rad
	h := math.Pow(math.Sin(dLat/2), 2) + math.Cos(a.Latitude*rad)*math.Cos(b.Latitude*rad)*math.Pow(math.Sin(dLon/2), 2)
	return 2 * earthRadiusM * math.Asin(math.Sqrt(h)) / 1000
}

// nearEdge reports whether d lies so close to the radius that a rounding
// difference could put it on either side; tests leave such cases out.
func nearEdge(d, radius float64) bool { return math.Abs(d-radius) < radius*0.002 }

// sortedSet returns the distinct values, sorted, for comparing answers
// whose order is not the point.
func sortedSet(values []string) []string {
	out := slices.Clone(values)
	slices.Sort(out)
	return slices.Compact(out)
}

// fieldsOfError returns the input fields a coded error names.
func fieldsOfError(r response) []string {
	if len(r.Errors) == 0 {
		return nil
	}
	raw, _ := json.Marshal(r.Errors[0].Extensions["fields"])
	var fields []civic.FieldError
	_ = json.Unmarshal(raw, &fields)
	var out []string
	for _, f := range fields {
		out = append(out, f.Field)
	}
	return out
}

// uniqueName returns a name no demo record has, for records a test
// creates. It sorts after the demo's names, so that tests reading the first
// page of a list still see demo records.
func uniqueName(t *testing.T, what string) string {
	return fmt.Sprintf("Zz %s (%s)", what, t.Name())
}

func jsonInto(raw []byte, out any) error { return json.Unmarshal(raw, out) }
