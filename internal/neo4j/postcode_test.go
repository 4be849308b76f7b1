package neo4j_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
	"github.com/civicgraph/civicgraph/internal/discovery"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

// onspd returns a postcode table of n rows, B1 0AA onwards, in the
// ONSPD layout, with extra at its end.
func onspd(n int, extra string) string {
	var b strings.Builder
	b.WriteString("pcd,pcds,lat,long,oscty\n")
	letters := "ABDEFGHJLNPQRSTUWXYZ"
	for i := range n {
		pc := fmt.Sprintf("B%d %d%c%c", 1+i/4000, i/400%10, letters[i/20%20], letters[i%20])
		fmt.Fprintf(&b, "%s,%s,%.6f,%.6f,E99999999\n", strings.ReplaceAll(pc, " ", ""), pc, 52.4+float64(i)*1e-6, -1.9+float64(i)*1e-6)
	}
	b.WriteString(extra)
	return b.String()
}

func TestImportPostcodes(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// More rows than one batch, so that several UNWIND statements run.
	const rows = 12_345
	table := discovery.PostcodeText(onspd(rows, "b99 9zz,B99 9ZZ,99.999999,0.000000,E99999999\n"))
	n, err := s.ImportPostcodes(ctx, table.Rows(), neo4j.PostcodeImport{Source: "onspd-test"})
	if err != nil {
		t.Fatal(err)
	}
	if n != rows || table.Skipped != 1 {
		t.Fatalf("imported %d, skipped %d; want %d and 1", n, table.Skipped, rows)
	}
	if got := count(t, s, "MATCH (p:Postcode) RETURN count(p)"); got != rows {
		t.Fatalf("stored %d postcodes, want %d", got, rows)
	}
	// Row 1234 (from 0) is B1 3BT at 52.401234, -1.898766; looked up as written anyhow.
	pc, err := s.FindPostcode(ctx, " b13 bt")
	if err != nil || pc == nil || pc.Postcode != "B1 3BT" || pc.Location != (civic.GeoPoint{Latitude: 52.401234, Longitude: -1.898766}) {
		t.Fatalf("find = %+v, %v", pc, err)
	}
	check, _ := s.FindPostcode(ctx, "B1 0AA")
	if check == nil || check.Location.Latitude != 52.4 || check.Location.Longitude != -1.9 || check.Source != "onspd-test" || check.CreatedAt.IsZero() {
		t.Errorf("B1 0AA = %+v", check)
	}
	if missing, err := s.FindPostcode(ctx, "B99 9ZZ"); err != nil || missing != nil {
		t.Errorf("a postcode without coordinates was stored: %+v, %v", missing, err)
	}

	// Importing the same file again changes nothing, not even updatedAt.
	before := graphSize(t, s)
	stamp := count(t, s, "MATCH (p:Postcode) RETURN sum(p.updatedAt.epochMillis) % 1000000007")
	if _, err := s.ImportPostcodes(ctx, table.Rows(), neo4j.PostcodeImport{Source: "onspd-test"}); err != nil {
		t.Fatal(err)
	}
	if after := graphSize(t, s); after != before {
		t.Errorf("re-import changed the graph: %v -> %v", before, after)
	}
	if again := count(t, s, "MATCH (p:Postcode) RETURN sum(p.updatedAt.epochMillis) % 1000000007"); again != stamp {
		t.Error("re-import touched updatedAt")
	}

	// A moved postcode is updated in place.
	moved := discovery.PostcodeText("pcds,lat,long\nB1 0AA,52.5,-1.8\n")
	if _, err := s.ImportPostcodes(ctx, moved.Rows(), neo4j.PostcodeImport{Source: "onspd-test"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindPostcode(ctx, "B1 0AA"); got == nil || got.Location.Latitude != 52.5 || !got.UpdatedAt.After(check.UpdatedAt) {
		t.Errorf("moved = %+v", got)
	}
}

func TestImportPostcodesMalformedRowWritesNothing(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	// The bad row comes after more than one batch has been sent.
	bad := onspd(7_000, "NOT A POSTCODE,X,52.4,-1.9,E99999999\n")
	for _, commitEvery := range []int{0, 1000} {
		t.Run(fmt.Sprintf("commit every %d", commitEvery), func(t *testing.T) {
			before := graphSize(t, s)
			_, err := s.ImportPostcodes(ctx, discovery.PostcodeText(bad).Rows(), neo4j.PostcodeImport{Source: "x", CommitEvery: commitEvery})
			wantCode(t, err, civic.CodeBadUserInput)
			if msg := civic.ErrorMessage(err); !strings.Contains(msg, "line 7002") {
				t.Errorf("message %q does not name line 7002", msg)
			}
			if after := graphSize(t, s); after != before {
				t.Errorf("a failed import wrote: %v -> %v", before, after)
			}
		})
	}
}

func TestImportPostcodesInChunks(t *testing.T) {
	s := openStore(t)
	table := discovery.PostcodeText(onspd(2_500, ""))
	n, err := s.ImportPostcodes(context.Background(), table.Rows(), neo4j.PostcodeImport{Source: "x", CommitEvery: 1000})
	if err != nil || n != 2_500 {
		t.Fatalf("imported %d, %v", n, err)
	}
	if got := count(t, s, "MATCH (p:Postcode) RETURN count(p)"); got != 2_500 {
		t.Errorf("stored %d", got)
	}
}

func TestFindPostcode(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	if err := s.UpsertPostcodes(ctx, []civic.Postcode{{Postcode: "B5 4BU", Location: civic.GeoPoint{Latitude: 52.47, Longitude: -1.89}, Provenance: civic.Provenance{Source: "demo"}}}); err != nil {
		t.Fatal(err)
	}
	for _, spelling := range []string{"B5 4BU", "b54bu", "  b5   4bu "} {
		if pc, err := s.FindPostcode(ctx, spelling); err != nil || pc == nil || pc.Postcode != "B5 4BU" || pc.Location.Latitude != 52.47 || pc.Source != "demo" {
			t.Errorf("find %q = %+v, %v", spelling, pc, err)
		}
	}
	if pc, err := s.FindPostcode(ctx, "B5 4BV"); err != nil || pc != nil {
		t.Errorf("unknown postcode = %+v, %v", pc, err)
	}
	_, err := s.FindPostcode(ctx, "5B 4BU")
	wantCode(t, err, civic.CodeBadUserInput)
	// Postcodes are unique.
	if err := s.UpsertPostcodes(ctx, []civic.Postcode{{Postcode: "B5 4BU", Location: civic.GeoPoint{Latitude: 52.48, Longitude: -1.89}}}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "MATCH (p:Postcode) RETURN count(p)"); n != 1 {
		t.Errorf("%d postcodes stored", n)
	}
}

func TestDemoCityLoadsItsPostcodesOnce(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	if err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, want := count(t, s, "MATCH (p:Postcode {source: 'demo'}) RETURN count(p)"), len(demo.Generate().Postcodes); got != int64(want) {
		t.Errorf("%d postcodes loaded, want %d", got, want)
	}
	before := graphSize(t, s)
	stamp := count(t, s, "MATCH (n) RETURN sum(n.updatedAt.epochMillis) % 1000000007")
	if err := demo.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	if after := graphSize(t, s); after != before {
		t.Errorf("loading the demo city again changed the graph: %v -> %v", before, after)
	}
	if again := count(t, s, "MATCH (n) RETURN sum(n.updatedAt.epochMillis) % 1000000007"); again != stamp {
		t.Error("loading the demo city again touched updatedAt")
	}
}
