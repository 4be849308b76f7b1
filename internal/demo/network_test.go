package demo_test

import (
	"slices"
	"testing"
	"time"

	"github.com/civicgraph/civicgraph/internal/civic"
)

func TestCollaborations(t *testing.T) {
	c := city()
	themesOf := map[string][]string{}
	for _, o := range c.Organisations {
		themesOf[o.ID] = o.Themes
	}
	type pair struct{ a, b string }
	seen := map[pair]bool{}
	perIntensity := map[civic.Intensity]int{}
	perYear := map[int]int{}
	ended := 0
	end := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, x := range c.Collaborations {
		if x.FromID == x.ToID {
			t.Errorf("%s: %s collaborates with itself", x.ID, x.FromID)
		}
		p := pair{min(x.FromID, x.ToID), max(x.FromID, x.ToID)}
		if seen[p] {
			t.Errorf("two collaborations between %s and %s", p.a, p.b)
		}
		seen[p] = true
		perIntensity[x.Intensity]++
		if x.Since == nil || x.Since.Year() < 2012 || !x.Since.Before(end) {
			t.Errorf("%s: since %v, want 2012 to October 2026", x.ID, x.Since)
			continue
		}
		perYear[x.Since.Year()]++
		if x.Until != nil {
			ended++
			if x.Until.Before(*x.Since) || !x.Until.Before(end) {
				t.Errorf("%s: %v to %v", x.ID, x.Since, x.Until)
			}
		}
		if x.Description == "" || len(x.Themes) == 0 {
			t.Errorf("%s: description %q, themes %v", x.ID, x.Description, x.Themes)
		}
		from, to := themesOf[x.FromID], themesOf[x.ToID]
		shared := slices.ContainsFunc(from, func(s string) bool { return slices.Contains(to, s) })
		for _, th := range x.Themes {
			inFrom, inTo := slices.Contains(from, th), slices.Contains(to, th)
			if shared && !(inFrom && inTo) || !shared && !(inFrom || inTo) {
				t.Errorf("%s: theme %s is not one both ends share (%v, %v)", x.ID, th, from, to)
			}
		}
	}
	n := len(c.Collaborations)
	if ended < n*15/100 || ended > n*25/100 {
		t.Errorf("%s collaborations ended, want about 20%%", share(ended, n))
	}
	loose := perIntensity[civic.IntensityAwareness] + perIntensity[civic.IntensityCooperation]
	if loose <= n/2 || perIntensity[civic.IntensityIntegration] == 0 || perIntensity[civic.IntensityIntegration] >= perIntensity[civic.IntensityCooperation] {
		t.Errorf("intensities %v: want mostly awareness and cooperation, some integration", perIntensity)
	}
	for y := 2012; y <= 2026; y++ {
		if perYear[y] == 0 {
			t.Errorf("no collaboration began in %d", y)
		}
	}
	t.Logf("intensities %v, %s ended", perIntensity, share(ended, n))
}

// TestDegreeHasHubs checks the network looks like a real sector map: every
// organisation has a partner and a few hubs have many.
func TestDegreeHasHubs(t *testing.T) {
	c := city()
	deg := map[string]int{}
	for _, o := range c.Organisations {
		deg[o.ID] = 0
	}
	for _, x := range c.Collaborations {
		deg[x.FromID]++
		deg[x.ToID]++
	}
	var ds []int
	for _, d := range deg {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	median, top := ds[len(ds)/2], ds[len(ds)-1]
	if ds[0] == 0 {
		t.Error("some organisations have no collaborations")
	}
	if top < 5*median {
		t.Errorf("max degree %d < 5 x median %d: no hubs", top, median)
	}
	name := map[string]string{}
	for _, o := range c.Organisations {
		name[o.ID] = o.Name
	}
	for id, d := range deg {
		if d == top {
			t.Logf("degree: min %d, median %d, max %d (%s)", ds[0], median, top, name[id])
		}
	}
}
