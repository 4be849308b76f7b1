package synth

import (
	"math/rand/v2"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/demo"
)

// addDiscovery gives a third of the organisations one or two needs (skills
// people have, or kinds of asset) and four in ten people consent to be
// found, as in the demo city. It draws from a random stream of its own so
// that the rest of the city is the same with or without it.
func (c *City) addDiscovery() {
	r := rand.New(rand.NewPCG(uint64(c.Size.Organisations), 0xD15C0))
	for i := range c.Organisations {
		if r.IntN(3) != 0 {
			continue
		}
		n := &c.Organisations[i].Needs
		for range 1 + r.IntN(2) {
			if r.IntN(3) == 0 {
				n.AssetKinds = append(n.AssetKinds, civic.SpaceKinds[r.IntN(len(civic.SpaceKinds))])
			} else {
				n.Skills = append(n.Skills, demo.Skills[r.IntN(len(demo.Skills))])
			}
		}
		n.Normalise()
	}
	for i := range c.People {
		c.People[i].Discoverable = r.IntN(10) < 4
	}
}
