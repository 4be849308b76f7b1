package neo4j

import "github.com/civicgraph/civicgraph/internal/civic"

// An organisation's needs are stored as two list properties of its node,
// needsAssetKinds and needsSkills, which suggestions compare with what other
// organisations hold.

// listValue returns a list property as strings, or nil for an empty list so
// that the property is removed rather than stored empty.
func listValue[S ~string](items []S) any {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = string(s)
	}
	return out
}

// assetKinds converts stored strings to asset kinds.
func assetKinds(in []string) []civic.AssetKind {
	out := make([]civic.AssetKind, len(in))
	for i, s := range in {
		out[i] = civic.AssetKind(s)
	}
	return out
}
