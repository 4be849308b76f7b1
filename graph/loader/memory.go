package loader

import (
	"github.com/civicgraph/civicgraph/internal/civic"
)

// Memory holds the loaders of the fields that show a record's memory:
// its history and its identifiers.
type Memory struct {
	History     *Paged[struct{}, *civic.Change]
	Identifiers *Batch[[]civic.Identifier] // by organisation ID
}

func newMemory(l *Loaders, s civic.Store) *Memory {
	return &Memory{
		History:     newPaged(l, unfiltered(s.HistoryOf), func(**civic.Change) (any, any) { return nil, nil }),
		Identifiers: NewBatch(s.IdentifiersOf, nil),
	}
}
