package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestOrganisationNeeds(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	o, err := s.CreateOrganisation(ctx, civic.OrganisationInput{Name: ptr("Stirchley Lunch Club"), Kind: ptr(civic.OrgCommunityGroup),
		Needs: &civic.Needs{AssetKinds: []civic.AssetKind{civic.AssetRoom}, Skills: []string{"Cooking", "driving", "cooking"}}})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(o.Needs) != "{[room] [cooking driving]}" {
		t.Errorf("created with needs %v", o.Needs)
	}
	// An update without needs keeps them; with needs replaces them.
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Description: ptr("Hot meals on Tuesdays.")}); err != nil || fmt.Sprint(o.Needs) != "{[room] [cooking driving]}" {
		t.Errorf("kept = %v, %v", o.Needs, err)
	}
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{Skills: []string{"bookkeeping"}}}); err != nil || fmt.Sprint(o.Needs) != "{[] [bookkeeping]}" {
		t.Errorf("replaced = %v, %v", o.Needs, err)
	}
	if o, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{}}); err != nil || !o.Needs.Empty() {
		t.Errorf("cleared = %v, %v", o.Needs, err)
	}
	if n := count(t, s, "MATCH (o:Organisation) WHERE o.needsSkills IS NOT NULL OR o.needsAssetKinds IS NOT NULL RETURN count(o)"); n != 0 {
		t.Errorf("cleared needs left %d properties", n)
	}
	before := graphSize(t, s)
	_, err = s.UpdateOrganisation(ctx, o.ID, civic.OrganisationInput{Needs: &civic.Needs{AssetKinds: []civic.AssetKind{"castle"}}})
	wantCode(t, err, civic.CodeBadUserInput)
	if after := graphSize(t, s); after != before {
		t.Errorf("a rejected update wrote: %v -> %v", before, after)
	}
}

func TestPersonConsent(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	p, err := s.CreatePerson(ctx, civic.PersonInput{Name: ptr("Grace Adeyemi")})
	if err != nil || p.Discoverable {
		t.Fatalf("a person is discoverable unless they say so: %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Discoverable: ptr(true)}); err != nil || !p.Discoverable {
		t.Fatalf("consent = %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Bio: ptr("Retired nurse.")}); err != nil || !p.Discoverable {
		t.Fatalf("an update without consent kept it? %+v, %v", p, err)
	}
	if p, err = s.UpdatePerson(ctx, p.ID, civic.PersonInput{Discoverable: ptr(false)}); err != nil || p.Discoverable {
		t.Fatalf("withdrawn = %+v, %v", p, err)
	}
}
