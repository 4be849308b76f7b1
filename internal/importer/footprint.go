package importer

import (
	"strings"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A footprint is what a batch of records writes and what it refers to, by
// the names the file uses. Two batches may be written at the same time only
// if neither writes what the other writes or refers to: a collaboration
// must not be written before the organisations it names are committed, and
// a record must not race another that changes the same thing.
//
// Names are compared as the file gives them; the database's constraints
// catch what that misses (a collaboration or organisation named two ways
// gets the same stable ID, so two batches cannot both create it). What no
// constraint guards is kept in order by coarse keys: every batch that
// writes organisations or links takes the key of its kind, so such batches
// run one after another, and a batch with themes or areas, which almost
// every other record refers to, runs alone.
type footprint struct {
	alone  bool
	writes map[string]bool
	refers map[string]bool
}

func newFootprint() *footprint {
	return &footprint{writes: map[string]bool{}, refers: map[string]bool{}}
}

// Keys of kinds whose writes run one batch at a time.
const (
	keyOrganisations = "organisations"
	keyLinks         = "links"
	keyFundings      = "fundings"
)

// add adds a record's names to the footprint.
func (f *footprint) add(r *civic.ImportRecord) {
	if r.Err != nil {
		return // reported, never written
	}
	if len(r.Themes) > 0 || len(r.Areas) > 0 {
		f.alone = true
	}
	for _, o := range r.Organisations {
		f.writes[keyOrganisations] = true
		f.ref(f.writes, o.Ref())
	}
	for _, p := range r.People {
		f.writes["Person:"+p.ID] = true
	}
	for _, a := range r.Assets {
		f.writes["Asset:"+a.ID] = true
	}
	for _, p := range r.Partnerships {
		f.writes["Partnership:"+p.ID] = true
	}
	for _, c := range r.Collaborations {
		key := "Collaboration:" + c.ID
		if c.ID == "" {
			key = "Collaboration:" + pairName(c.From, c.To)
		}
		f.edge(c.From, c.To, key)
	}
	for _, g := range r.Fundings {
		key := keyFundings
		if g.ID != "" {
			key = "Funding:" + g.ID
		}
		f.edge(g.Funder, g.Recipient, key)
	}
	for _, l := range r.Links {
		f.edge(l.From, l.To, keyLinks)
	}
}

// edge adds an edge: it writes key and refers to its ends.
func (f *footprint) edge(from, to civic.OrgRef, key string) {
	f.writes[key] = true
	f.ref(f.refers, from)
	f.ref(f.refers, to)
}

// ref adds every name of a reference: its ID (under any label: a link's
// end may be a person, an asset or a partnership) and its identifiers.
func (f *footprint) ref(to map[string]bool, r civic.OrgRef) {
	if r.ID != "" {
		for _, label := range []string{"Organisation:", "Person:", "Asset:", "Partnership:"} {
			to[label+r.ID] = true
		}
	}
	for _, id := range r.Identifiers {
		to["Identifier:"+id] = true
	}
}

// pairName names an undirected pair of references.
func pairName(a, b civic.OrgRef) string {
	x, y := refName(a), refName(b)
	if x > y {
		x, y = y, x
	}
	return x + "|" + y
}

func refName(r civic.OrgRef) string {
	if r.ID != "" {
		return r.ID
	}
	return strings.Join(r.Identifiers, ",")
}

// conflicts reports whether two batches must not be written at the same time.
func (f *footprint) conflicts(g *footprint) bool {
	if f.alone || g.alone {
		return true
	}
	return overlaps(f.writes, g.writes) || overlaps(f.writes, g.refers) || overlaps(f.refers, g.writes)
}

func overlaps(a, b map[string]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
