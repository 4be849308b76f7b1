package neo4j

import (
	"context"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// A listing is a node (n:Listing)-[:LISTS]->(a:Asset), with
// (n)-[:NOMINATED_BY]->(:Organisation). It is visible while neither it nor
// its asset is deleted.

const (
	listingMatch   = "MATCH (n:Listing)-[:LISTS]->(a:Asset)"
	listingVisible = "n.deletedAt IS NULL AND a.deletedAt IS NULL"
	listingRow     = "n {.*, assetId: a.id, nominatorId: [(n)-[:NOMINATED_BY]->(o_:Organisation) WHERE o_.deletedAt IS NULL | o_.id][0]}"
	// listingStatus is civic.Listing.StatusOn in Cypher, on day $asOf.
	listingStatus = `CASE
  WHEN n.decision = 'pending' OR n.decisionDate IS NULL OR $asOf < n.decisionDate THEN 'nominated'
  WHEN n.decision = 'refused' THEN 'refused'
  WHEN n.listedDate IS NULL OR $asOf < n.listedDate THEN 'nominated'
  WHEN n.expiryDate IS NOT NULL AND $asOf > n.expiryDate THEN 'expired'
  ELSE 'listed' END`
	// listingMoratorium is civic.Listing.UnderMoratoriumOn in Cypher, on day $asOf.
	listingMoratorium = "(n.noticeToSellDate IS NOT NULL AND n.noticeToSellDate <= $asOf AND coalesce(n.fullMoratoriumEnd, n.interimMoratoriumEnd) >= $asOf)"
	// listingOpen holds for a listing that stops the asset being nominated
	// again: undecided, or listed and not yet expired on $asOf.
	listingOpen = "(n.decision = 'pending' OR (n.decision = 'listed' AND coalesce(n.expiryDate >= $asOf, true)))"
)

func mapListing(p props) *civic.Listing {
	return &civic.Listing{
		ID:                   p.str("id"),
		AssetID:              p.str("assetId"),
		Reference:            p.str("reference"),
		NominatorID:          p.str("nominatorId"),
		NominationDate:       p.timeOr("nominationDate"),
		Decision:             civic.ListingDecision(p.str("decision")),
		DecisionDate:         p.time("decisionDate"),
		ListedDate:           p.time("listedDate"),
		ExpiryDate:           p.time("expiryDate"),
		NoticeToSellDate:     p.time("noticeToSellDate"),
		InterimMoratoriumEnd: p.time("interimMoratoriumEnd"),
		FullMoratoriumEnd:    p.time("fullMoratoriumEnd"),
		ProtectedPeriodEnd:   p.time("protectedPeriodEnd"),
		Notes:                p.str("notes"),
		DeletedAt:            p.time("deletedAt"),
		Provenance:           p.provenance(),
	}
}

// listingProps are the stored properties of a listing, every date included
// so that a change that clears a default takes effect.
func listingProps(l civic.Listing) map[string]any {
	return map[string]any{
		"reference": l.Reference, "nominationDate": dateValue(&l.NominationDate), "decision": string(l.Decision),
		"decisionDate": dateValue(l.DecisionDate), "listedDate": dateValue(l.ListedDate), "expiryDate": dateValue(l.ExpiryDate),
		"noticeToSellDate": dateValue(l.NoticeToSellDate), "interimMoratoriumEnd": dateValue(l.InterimMoratoriumEnd),
		"fullMoratoriumEnd": dateValue(l.FullMoratoriumEnd), "protectedPeriodEnd": dateValue(l.ProtectedPeriodEnd),
		"notes": emptyToNil(l.Notes), "source": l.Source,
	}
}

// FindListingsByIDs returns listings in the order of ids, nil for unknown IDs.
func (s *Store) FindListingsByIDs(ctx context.Context, ids []string) ([]*civic.Listing, error) {
	return s.listingsBy(ctx, "listingsByIDs", "MATCH (n:Listing {id: $ids[i]})-[:LISTS]->(a:Asset) WHERE "+listingVisible, ids)
}

// CurrentListingsOfAssets returns each asset's latest listing by nomination date.
func (s *Store) CurrentListingsOfAssets(ctx context.Context, assetIDs []string) ([]*civic.Listing, error) {
	return s.listingsBy(ctx, "currentListingsOfAssets", `MATCH (a:Asset {id: $ids[i]})
CALL (a) { MATCH (n:Listing)-[:LISTS]->(a) WHERE `+listingVisible+` RETURN n ORDER BY n.nominationDate DESC, n.createdAt DESC LIMIT 1 }`, assetIDs)
}

func (s *Store) listingsBy(ctx context.Context, name, match string, ids []string) ([]*civic.Listing, error) {
	return indexed(ctx, s, name, match+"\nRETURN i, "+listingRow+" AS row", ids, nil, mapListing)
}

// FindListings returns a page of listings: those expiring soonest first
// when f asks for expiring listings, else by reference.
func (s *Store) FindListings(ctx context.Context, f civic.ListingFilter, p civic.PageArgs) (civic.Page[*civic.Listing], error) {
	if err := f.Validate(); err != nil {
		return civic.Page[*civic.Listing]{}, err
	}
	asOf := civic.Day(time.Now())
	if f.AsOf != nil {
		asOf = civic.Day(*f.AsOf)
	}
	q := newFilter(listingVisible)
	q.params["asOf"] = dateValue(&asOf)
	if len(f.AreaIDs) > 0 {
		q.add("EXISTS { (a)-[:LOCATED_IN]->(:Area)-[:PART_OF*0..]->(x:Area) WHERE x.id IN $areaIds }", "areaIds", f.AreaIDs)
	}
	if len(f.Decisions) > 0 {
		q.add("n.decision IN $decisions", "decisions", f.Decisions)
	}
	if len(f.Statuses) > 0 {
		q.add(listingStatus+" IN $statuses", "statuses", f.Statuses)
	}
	order, reverse := "n.reference ASC, n.id ASC", "n.reference DESC, n.id DESC"
	if f.ExpiringWithinDays != nil {
		q.add(listingStatus+" = 'listed' AND n.expiryDate <= $asOf + duration({days: $within})", "within", *f.ExpiringWithinDays)
		order, reverse = "n.expiryDate ASC, "+order, "n.expiryDate DESC, "+reverse
	}
	if f.UnderMoratorium != nil {
		q.add(listingMoratorium+" = $moratorium", "moratorium", *f.UnderMoratorium)
	}
	return listPage(ctx, s, listQuery{name: "listings", match: listingMatch, filter: q, order: order, reverse: reverse, project: listingRow}, p, mapListing)
}

// RecordListing records a nomination (and, if given, the decision and
// what followed). The asset may have only one open listing at a time:
// another undecided nomination or a listing in force is a CONFLICT.
func (s *Store) RecordListing(ctx context.Context, in civic.ListingInput) (*civic.Listing, error) {
	in.Normalise()
	if err := in.ValidateInput(true); err != nil {
		return nil, err
	}
	now := time.Now()
	l := civic.Listing{}.Apply(in)
	l.Source = civic.SourceOr(in.Source)
	if err := l.Validate(now); err != nil {
		return nil, err
	}
	props := listingProps(l)
	props["id"] = civic.NewID(civic.KindListing)
	return write(ctx, s, "recordListing", func(t tx) (*civic.Listing, error) {
		if err := listingRefs(&in).check(ctx, t); err != nil {
			return nil, err
		}
		recs, err := t.run(ctx, "openListing", `MATCH (a:Asset {id: $assetId}) SET a._lock = true REMOVE a._lock
WITH a OPTIONAL MATCH (n:Listing)-[:LISTS]->(a) WHERE n.deletedAt IS NULL AND `+listingOpen+`
RETURN n.reference AS reference LIMIT 1`, map[string]any{"assetId": l.AssetID, "asOf": dateValue(&now)})
		if err != nil {
			return nil, err
		}
		if ref, _ := field(recs[0], "reference").(string); ref != "" {
			return nil, civic.Errorf(civic.CodeConflict, "the asset already has an open listing (%s); change that one instead", ref)
		}
		return writeOne(ctx, t, "recordListing", `MATCH (a:Asset {id: $assetId}), (o:Organisation {id: $nominatorId})
CREATE (n:Listing)-[:LISTS `+newEdge+`]->(a) SET n = $props, n.createdAt = datetime(), n.updatedAt = datetime()
CREATE (n)-[:NOMINATED_BY `+newEdge+`]->(o)
RETURN `+listingRow+` AS row`, map[string]any{"assetId": l.AssetID, "nominatorId": l.NominatorID, "props": props, "source": l.Source}, mapListing)
	})
}

// listingRefs checks the asset and nominator, and that no other listing
// has the reference.
func listingRefs(in *civic.ListingInput) *refs {
	r := newRefs().node("assetId", civic.KindAsset, in.AssetID).node("nominatorId", civic.KindOrganisation, in.NominatorID)
	if in.Reference != nil {
		r.also(func(ctx context.Context, t tx) error {
			recs, err := t.run(ctx, "listingReferenceTaken", "MATCH (n:Listing {reference: $reference}) RETURN n.id AS id",
				map[string]any{"reference": *in.Reference})
			if err == nil && len(recs) > 0 {
				return civic.Errorf(civic.CodeConflict, "listing reference %q is taken", *in.Reference)
			}
			return err
		})
	}
	return r
}

// UpdateListing applies a change to a listing, such as the council's
// decision or an owner's notice to sell, and checks the whole listing again.
func (s *Store) UpdateListing(ctx context.Context, id string, in civic.ListingInput) (*civic.Listing, error) {
	in.Normalise()
	if err := in.ValidateInput(false); err != nil {
		return nil, err
	}
	return write(ctx, s, "updateListing", func(t tx) (*civic.Listing, error) {
		cur, err := writeOne(ctx, t, "updateListingLoad", listingMatch+" WHERE n.id = $id AND "+listingVisible+" RETURN "+listingRow+" AS row",
			map[string]any{"id": id}, mapListing)
		if err != nil {
			return nil, err
		}
		if cur == nil {
			return nil, civic.NotFound(civic.KindListing, id)
		}
		if in.Reference != nil && *in.Reference == cur.Reference {
			in.Reference = nil
		}
		if err := listingRefs(&in).check(ctx, t); err != nil {
			return nil, err
		}
		l := cur.Apply(in)
		if in.Source != nil {
			l.Source = civic.SourceOr(in.Source)
		}
		if err := l.Validate(time.Now()); err != nil {
			return nil, err
		}
		return writeOne(ctx, t, "updateListing", listingMatch+` WHERE n.id = $id
SET n += $props, n.updatedAt = datetime()
WITH n, a
CALL (n) { WITH n WHERE $nominatorId IS NOT NULL
  MATCH (n)-[old:NOMINATED_BY]->(:Organisation) DELETE old }
CALL (n) { WITH n WHERE $nominatorId IS NOT NULL
  MATCH (o:Organisation {id: $nominatorId}) CREATE (n)-[:NOMINATED_BY `+newEdge+`]->(o) }
RETURN `+listingRow+" AS row", map[string]any{"id": id, "props": listingProps(l), "nominatorId": deref(in.NominatorID), "source": l.Source}, mapListing)
	})
}

// DeleteListing marks a listing deleted (recorded in error).
func (s *Store) DeleteListing(ctx context.Context, id string) (*civic.Listing, error) {
	return write(ctx, s, "deleteListing", func(t tx) (*civic.Listing, error) {
		l, err := writeOne(ctx, t, "deleteListing", listingMatch+" WHERE n.id = $id AND "+listingVisible+`
SET n.deletedAt = datetime(), n.updatedAt = datetime()
RETURN `+listingRow+" AS row", map[string]any{"id": id}, mapListing)
		if err == nil && l == nil {
			return nil, civic.NotFound(civic.KindListing, id)
		}
		return l, err
	})
}

// UpsertListings writes listings as given, for loaders. Their assets and
// nominators must already exist.
func (s *Store) UpsertListings(ctx context.Context, in []civic.Listing) error {
	rows := make([]map[string]any, len(in))
	for i, l := range in {
		props := listingProps(l)
		props["id"], props["createdAt"], props["updatedAt"], props["deletedAt"] = l.ID, l.CreatedAt, l.UpdatedAt, timeValue(l.DeletedAt)
		rows[i] = map[string]any{"assetId": l.AssetID, "nominatorId": l.NominatorID, "props": props, "edge": edgeOf(l.Provenance)}
	}
	return upsert(ctx, s, "upsertListings", `MATCH (a:Asset {id: row.assetId}), (o:Organisation {id: row.nominatorId})
MERGE (n:Listing {id: row.props.id}) SET n += row.props
MERGE (n)-[l:LISTS]->(a) ON CREATE SET l += row.edge
MERGE (n)-[b:NOMINATED_BY]->(o) ON CREATE SET b += row.edge`, rows)
}
