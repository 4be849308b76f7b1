package civic

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The collaboration network: organisations joined by collaborations, and,
// for paths and neighbourhoods, people (through affiliations) and
// partnerships (through memberships) as well.

// EdgeKind is a kind of edge a path or neighbourhood may follow.
type EdgeKind string

// Edge kinds.
const (
	EdgeCollaboration EdgeKind = "collaboration" // organisation - organisation (COLLABORATES_WITH)
	EdgeMembership    EdgeKind = "membership"    // organisation - partnership (MEMBER_OF)
	EdgeAffiliation   EdgeKind = "affiliation"   // person - organisation (AFFILIATED_WITH)
)

// EdgeKinds lists every edge kind.
var EdgeKinds = []EdgeKind{EdgeCollaboration, EdgeMembership, EdgeAffiliation}

// Valid reports whether k is a known edge kind.
func (k EdgeKind) Valid() bool { return slices.Contains(EdgeKinds, k) }

// Limits of network queries.
const (
	MaxPathHops     = 10
	DefaultPathHops = 6
	MaxPaths        = 10
	MaxEgoDepth     = 3
	DefaultEgoNodes = 200
	MaxEgoNodes     = 2000
)

// NetworkFilter selects part of the organisation network. Organisations
// match when they have any of the themes, sit in any of the areas (or an area
// within them) and are of any of the kinds; collaborations match when both
// organisations match, the collaboration is at least MinIntensity and, with
// ActiveOn, it was running that day. With ActiveOn the network is the one of
// that day: it holds only the organisations recorded by then or that had
// started a collaboration by then.
type NetworkFilter struct {
	Themes       []string
	AreaIDs      []string
	Kinds        []OrganisationKind
	MinIntensity *Intensity
	ActiveOn     *time.Time
}

// Normalise puts the filter in canonical form.
func (f *NetworkFilter) Normalise() {
	f.Themes = normaliseSlugs(f.Themes)
	f.ActiveOn = dayPtr(f.ActiveOn)
}

// Validate checks the filter.
func (f NetworkFilter) Validate() error {
	var p Problems
	f.check(&p, "filter")
	return p.Err()
}

func (f NetworkFilter) check(p *Problems, prefix string) {
	p.CheckSlugs(prefix+".themes", f.Themes, MaxThemes)
	for _, id := range f.AreaIDs {
		p.CheckID(prefix+".areaIds", id, KindArea)
	}
	for _, k := range f.Kinds {
		if !k.Valid() {
			p.Add(prefix+".kinds", "%q is not an organisation kind", k)
		}
	}
	if f.MinIntensity != nil && !f.MinIntensity.Valid() {
		p.Add(prefix+".minIntensity", "%q is not an intensity", *f.MinIntensity)
	}
}

// Intensities returns the intensities a collaboration may have to match.
func (f NetworkFilter) Intensities() []Intensity {
	if f.MinIntensity == nil {
		return Intensities
	}
	return f.MinIntensity.AtLeast()
}

// Key returns a canonical string for the filter, equal for equal filters,
// for caching results computed from it.
func (f NetworkFilter) Key() string {
	sorted := func(s []string) string {
		c := slices.Clone(s)
		slices.Sort(c)
		return strings.Join(c, ",")
	}
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}
	var b strings.Builder
	b.WriteString("t=" + sorted(f.Themes) + ";a=" + sorted(f.AreaIDs) + ";k=" + sorted(kinds))
	if f.MinIntensity != nil {
		b.WriteString(";i=" + string(*f.MinIntensity))
	}
	if f.ActiveOn != nil {
		b.WriteString(";d=" + f.ActiveOn.Format(time.DateOnly))
	}
	return b.String()
}

// EdgeFilter narrows the edges a path or neighbourhood may follow. Empty
// Kinds means every kind. MinIntensity applies to collaborations; ActiveOn
// to collaborations and affiliations (by their dates) and memberships (by
// their start).
type EdgeFilter struct {
	Kinds        []EdgeKind
	MinIntensity *Intensity
	ActiveOn     *time.Time
}

// Normalise puts the filter in canonical form.
func (f *EdgeFilter) Normalise() {
	f.ActiveOn = dayPtr(f.ActiveOn)
	if len(f.Kinds) == 0 {
		f.Kinds = EdgeKinds
	}
	var kinds []EdgeKind
	for _, k := range EdgeKinds { // canonical order, no duplicates
		if slices.Contains(f.Kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, k := range f.Kinds {
		if !k.Valid() {
			kinds = append(kinds, k) // kept for Validate to report
		}
	}
	f.Kinds = kinds
}

func (f EdgeFilter) check(p *Problems) {
	for _, k := range f.Kinds {
		if !k.Valid() {
			p.Add("filter.edgeKinds", "%q is not an edge kind", k)
		}
	}
	if f.MinIntensity != nil && !f.MinIntensity.Valid() {
		p.Add("filter.minIntensity", "%q is not an intensity", *f.MinIntensity)
	}
}

// Intensities returns the intensities a collaboration may have to be followed.
func (f EdgeFilter) Intensities() []Intensity {
	if f.MinIntensity == nil {
		return Intensities
	}
	return f.MinIntensity.AtLeast()
}

// PathQuery asks for the shortest paths between two nodes.
type PathQuery struct {
	FromID  string
	ToID    string
	MaxHops int // 1 to MaxPathHops
	K       int // how many distinct paths, 1 to MaxPaths
	Filter  EdgeFilter
}

// networkKinds are the kinds of node that paths and neighbourhoods join.
var networkKinds = []EntityKind{KindOrganisation, KindPerson, KindPartnership}

func checkNetworkID(p *Problems, field, id string) {
	if k, ok := KindOfID(id); !ok || !slices.Contains(networkKinds, k) {
		p.Add(field, "must be the ID of an organisation, a person or a partnership")
	}
}

// Normalise puts the filter in canonical form.
func (q *PathQuery) Normalise() { q.Filter.Normalise() }

// Validate checks the query.
func (q PathQuery) Validate() error {
	var p Problems
	checkNetworkID(&p, "from", q.FromID)
	checkNetworkID(&p, "to", q.ToID)
	if q.MaxHops < 1 || q.MaxHops > MaxPathHops {
		p.Add("maxHops", "must be between 1 and %d", MaxPathHops)
	}
	if q.K < 1 || q.K > MaxPaths {
		p.Add("k", "must be between 1 and %d", MaxPaths)
	}
	q.Filter.check(&p)
	return p.Err()
}

// EgoQuery asks for the neighbourhood of a node.
type EgoQuery struct {
	CenterID string
	Depth    int // 1 to MaxEgoDepth
	MaxNodes int // 1 to MaxEgoNodes
	Filter   EdgeFilter
}

// Normalise puts the filter in canonical form.
func (q *EgoQuery) Normalise() { q.Filter.Normalise() }

// Validate checks the query.
func (q EgoQuery) Validate() error {
	var p Problems
	checkNetworkID(&p, "center", q.CenterID)
	if q.Depth < 1 || q.Depth > MaxEgoDepth {
		p.Add("depth", "must be between 1 and %d", MaxEgoDepth)
	}
	if q.MaxNodes < 1 || q.MaxNodes > MaxEgoNodes {
		p.Add("maxNodes", "must be between 1 and %d", MaxEgoNodes)
	}
	q.Filter.check(&p)
	return p.Err()
}

// NetworkNode is a node of a path or network: an organisation, a person or a
// partnership, with what a drawing needs.
type NetworkNode struct {
	ID    string
	Kind  EntityKind
	Label string
	// OrganisationKind, AreaID and Themes describe organisations.
	OrganisationKind OrganisationKind
	AreaID           string
	Themes           []string
	// Depth is the distance from the centre of a neighbourhood.
	Depth int
}

// NetworkEdge is an edge of a path or network. ID is the collaboration's ID
// for collaborations and "" for memberships and affiliations, which have none.
type NetworkEdge struct {
	ID        string
	Kind      EdgeKind
	FromID    string
	ToID      string
	Intensity Intensity // collaborations
	Role      string    // memberships and affiliations
	Since     *time.Time
	Until     *time.Time
	Themes    []string
}

// Key identifies an edge within a network even when it has no ID.
func (e NetworkEdge) Key() string {
	if e.ID != "" {
		return e.ID
	}
	return string(e.Kind) + ":" + e.FromID + ":" + e.ToID + ":" + e.Role
}

// Path is a walk from one node to another: Edges[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	Nodes []NetworkNode
	Edges []NetworkEdge
}

// Length is the number of edges of the path.
func (p Path) Length() int { return len(p.Edges) }

// Subgraph is a set of nodes with the edges between them, ready to draw.
type Subgraph struct {
	Nodes []NetworkNode
	Edges []NetworkEdge
	// Truncated says that more nodes were in reach than the cap allowed.
	Truncated bool
}

// NetworkOrganisation is an organisation of a projection.
type NetworkOrganisation struct {
	ID     string
	Name   string
	Kind   OrganisationKind
	AreaID string
	Themes []string
}

// NetworkTie is one collaboration of a projection, between the organisations
// at positions From and To.
type NetworkTie struct {
	From, To  int
	Intensity Intensity
}

// NetworkProjection is the organisation network that a filter selects, read
// in one query for computing metrics.
type NetworkProjection struct {
	Organisations []NetworkOrganisation
	Ties          []NetworkTie
}

// Interval is the width of a timeline's periods.
type Interval string

// Intervals.
const (
	IntervalMonth   Interval = "month"
	IntervalQuarter Interval = "quarter"
	IntervalYear    Interval = "year"
)

// Valid reports whether i is a known interval.
func (i Interval) Valid() bool {
	return i == IntervalMonth || i == IntervalQuarter || i == IntervalYear
}

// Start returns the first day of the period that holds d.
func (i Interval) Start(d time.Time) time.Time {
	d = Day(d)
	switch i {
	case IntervalQuarter:
		return time.Date(d.Year(), time.Month((int(d.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	case IntervalYear:
		return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// Next returns the first day of the period after the one starting at d.
func (i Interval) Next(d time.Time) time.Time {
	switch i {
	case IntervalQuarter:
		return d.AddDate(0, 3, 0)
	case IntervalYear:
		return d.AddDate(1, 0, 0)
	}
	return d.AddDate(0, 1, 0)
}

// Label names the period starting at d: 2025-03, 2025-Q1, 2025.
func (i Interval) Label(d time.Time) string {
	switch i {
	case IntervalQuarter:
		return strconv.Itoa(d.Year()) + "-Q" + strconv.Itoa((int(d.Month())-1)/3+1)
	case IntervalYear:
		return strconv.Itoa(d.Year())
	}
	return d.Format("2006-01")
}

// MaxTimelinePeriods bounds a timeline's length.
const MaxTimelinePeriods = 600

// TimelineQuery asks for the collaboration timeline of a filtered network.
type TimelineQuery struct {
	Interval Interval
	From     *time.Time // default: the first collaboration's start
	To       *time.Time // default: today
	Filter   NetworkFilter
}

// Normalise fills in defaults and canonical forms.
func (q *TimelineQuery) Normalise() {
	if q.Interval == "" {
		q.Interval = IntervalMonth
	}
	q.From, q.To = dayPtr(q.From), dayPtr(q.To)
	q.Filter.Normalise()
}

// Validate checks the query.
func (q TimelineQuery) Validate() error {
	var p Problems
	if !q.Interval.Valid() {
		p.Add("interval", "%q is not an interval", q.Interval)
	}
	p.CheckDateOrder("to", q.From, q.To)
	q.Filter.check(&p, "filter")
	if q.Filter.ActiveOn != nil {
		p.Add("filter.activeOn", "a timeline covers many days; use from and to")
	}
	return p.Err()
}

// TimelinePeriod is one period of a timeline.
type TimelinePeriod struct {
	Start   time.Time
	Label   string
	Started int // collaborations that started in the period
	Ended   int // collaborations whose last day fell in the period
	// Active is how many collaborations were running on the period's last day.
	Active int
	// JoinedOrganisations started their first collaboration in the period;
	// Organisations is how many had started one by its end.
	JoinedOrganisations int
	Organisations       int
}

// TimelineCounts are what a store counts for a timeline: collaborations
// started and ended per period (keyed by the period's first day), those
// started before the timeline or with no start date, and organisations by
// the period of their first collaboration.
type TimelineCounts struct {
	Started, Ended, Joined map[time.Time]int
	// StartedBefore, EndedBefore and JoinedBefore count what happened before
	// the first period (a collaboration without a start date counts as
	// started before).
	StartedBefore, EndedBefore, JoinedBefore int
	First                                    *time.Time // the earliest start date, if any
}

// CountBucket is one group of a dashboard count.
type CountBucket struct {
	Key   string // an area ID, a theme slug, an organisation kind or an intensity
	Label string
	Count int
}

// GroupBy is what a dashboard count is grouped by.
type GroupBy string

// Dashboard groupings.
const (
	GroupByArea      GroupBy = "area"
	GroupByTheme     GroupBy = "theme"
	GroupByKind      GroupBy = "kind"
	GroupByIntensity GroupBy = "intensity"
)

// AreaThemeGap is an area with no organisation working on a theme.
type AreaThemeGap struct {
	AreaID    string
	AreaName  string
	ThemeSlug string
	ThemeName string
}

// ThemeActivity counts a theme's organisations and collaborations.
type ThemeActivity struct {
	Slug           string
	Name           string
	Organisations  int
	Collaborations int
}

// NetworkStore is what the network capability needs from storage.
type NetworkStore interface {
	// ProjectNetwork reads the organisations and collaborations a filter
	// selects, in one query, for computing metrics.
	ProjectNetwork(ctx context.Context, f NetworkFilter) (*NetworkProjection, error)
	// NetworkNodes and NetworkEdges page through a filtered network, ordered
	// by ID, so that large networks can be read in parts.
	NetworkNodes(ctx context.Context, f NetworkFilter, p PageArgs) (Page[NetworkNode], error)
	NetworkEdges(ctx context.Context, f NetworkFilter, p PageArgs) (Page[NetworkEdge], error)
	// ShortestPaths returns up to K shortest paths, distinct by the nodes
	// they pass, shortest first; none when the nodes are not connected within
	// MaxHops. An unknown node is NOT_FOUND.
	ShortestPaths(ctx context.Context, q PathQuery) ([]Path, error)
	// Neighbourhood returns the nodes within Depth of the centre and the
	// edges between them.
	Neighbourhood(ctx context.Context, q EgoQuery) (*Subgraph, error)
	// CollaborationTimeline counts what a timeline needs.
	CollaborationTimeline(ctx context.Context, q TimelineQuery) (*TimelineCounts, error)
	// CountOrganisations and CountCollaborations group a filtered network's
	// organisations (by area, theme or kind) and collaborations (by
	// intensity, theme or kind), in one query each.
	CountOrganisations(ctx context.Context, f NetworkFilter, by GroupBy, areaKind AreaKind) ([]CountBucket, error)
	CountCollaborations(ctx context.Context, f NetworkFilter, by GroupBy) ([]CountBucket, error)
	// AreaThemeGaps lists the areas of a kind that have no organisation
	// working on a theme.
	AreaThemeGaps(ctx context.Context, areaKind AreaKind, themes []string) ([]AreaThemeGap, error)
	// ThemeActivity counts each theme's organisations and collaborations.
	ThemeActivity(ctx context.Context, f NetworkFilter) ([]ThemeActivity, error)
	// DataVersion changes whenever this process writes, so that results
	// computed from the data can be cached until then.
	DataVersion() int64
}
