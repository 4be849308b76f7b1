package civic

import (
	"slices"
	"time"
)

// Story is the city's memory of what worked: a story told about something
// that happened, or an initiative (a project or programme with a start and
// an end). Anyone may submit one; an editor publishes or rejects it, and
// only published stories are public.
type Story struct {
	ID          string
	Kind        StoryKind
	Title       string
	Summary     string
	Outcome     string // what changed
	Evidence    string // how we know
	EvidenceURL string
	StartDate   *time.Time
	EndDate     *time.Time
	Status      StoryStatus
	ReviewNote  string     // the editor's note on publishing or rejecting
	ReviewedAt  *time.Time // when it was published or rejected

	OrganisationIDs   []string
	AssetIDs          []string
	Themes            []string
	AreaIDs           []string
	RecommendationIDs []string
	DeletedAt         *time.Time
	Provenance
}

// StoryKind tells a story from an initiative.
type StoryKind string

// Story kinds.
const (
	KindOfStory      StoryKind = "story"
	KindOfInitiative StoryKind = "initiative"
)

// StoryKinds lists every kind.
var StoryKinds = []StoryKind{KindOfStory, KindOfInitiative}

// StoryStatus is where a story stands in review.
type StoryStatus string

// Story statuses.
const (
	StorySubmitted StoryStatus = "submitted"
	StoryPublished StoryStatus = "published"
	StoryRejected  StoryStatus = "rejected"
)

// StoryStatuses lists every status.
var StoryStatuses = []StoryStatus{StorySubmitted, StoryPublished, StoryRejected}

// storyTransitions are the review steps allowed: a submitted story is
// published or rejected, and that is final.
var storyTransitions = map[StoryStatus][]StoryStatus{
	StorySubmitted: {StoryPublished, StoryRejected},
}

// CheckTransition returns CONFLICT unless a story in status from may move to status to.
func CheckTransition(from, to StoryStatus) error {
	if slices.Contains(storyTransitions[from], to) {
		return nil
	}
	return Errorf(CodeConflict, "a %s story cannot be %s; only submitted stories are reviewed", from, to)
}

// Review is an editor's decision on a submitted story.
type Review struct {
	Status StoryStatus // published or rejected
	Note   *string
}

// Validate checks the review: a rejection must say why (its note is
// the mutation's "reason").
func (r Review) Validate() error {
	var p Problems
	field := "note"
	switch r.Status {
	case StoryPublished:
	case StoryRejected:
		field = "reason"
		if r.Note == nil || *trimmed(r.Note) == "" {
			p.Add(field, "say why the story is rejected, so that its author can improve it")
		}
	default:
		p.Add("status", "a review publishes or rejects")
	}
	p.CheckText(field, r.Note, MaxDescriptionLen)
	return p.Err()
}

// StoryInput submits a story.
type StoryInput struct {
	Kind              *StoryKind
	Title             string
	Summary           string
	Outcome           *string
	Evidence          *string
	EvidenceURL       *string
	StartDate         *time.Time
	EndDate           *time.Time
	OrganisationIDs   []string
	AssetIDs          []string
	Themes            []string
	AreaIDs           []string
	RecommendationIDs []string
	Source            *string
}

// Normalise trims text, truncates dates and removes repeated links.
func (in *StoryInput) Normalise() {
	if in.Kind == nil {
		k := KindOfStory
		in.Kind = &k
	}
	in.Title, in.Summary = *trimmed(&in.Title), *trimmed(&in.Summary)
	in.Outcome, in.Evidence, in.EvidenceURL = trimmed(in.Outcome), trimmed(in.Evidence), trimmed(in.EvidenceURL)
	in.StartDate, in.EndDate = dayPtr(in.StartDate), dayPtr(in.EndDate)
	in.OrganisationIDs, in.AssetIDs, in.AreaIDs, in.RecommendationIDs = dedupe(in.OrganisationIDs), dedupe(in.AssetIDs), dedupe(in.AreaIDs), dedupe(in.RecommendationIDs)
	in.Themes = normaliseSlugs(in.Themes)
}

// MaxStoryLinks bounds each list of links of a story.
const MaxStoryLinks = 20

// Validate checks the input. A story must be about something: at least one
// organisation, asset, theme, area or recommendation.
func (in StoryInput) Validate() error {
	var p Problems
	if in.Kind != nil && !slices.Contains(StoryKinds, *in.Kind) {
		p.Add("kind", "%q is not a story kind", *in.Kind)
	}
	p.CheckName("title", in.Title, MaxNameLen)
	if in.Summary == "" {
		p.Add("summary", "must not be blank")
	}
	p.CheckText("summary", &in.Summary, MaxDescriptionLen)
	p.CheckText("outcome", in.Outcome, MaxDescriptionLen)
	p.CheckText("evidence", in.Evidence, MaxDescriptionLen)
	p.CheckURL("evidenceUrl", in.EvidenceURL)
	p.CheckDateOrder("endDate", in.StartDate, in.EndDate)
	links := func(field string, ids []string, kind EntityKind) {
		if len(ids) > MaxStoryLinks {
			p.Add(field, "must have at most %d items", MaxStoryLinks)
		}
		for _, id := range ids {
			p.CheckID(field, id, kind)
		}
	}
	links("organisationIds", in.OrganisationIDs, KindOrganisation)
	links("assetIds", in.AssetIDs, KindAsset)
	links("areaIds", in.AreaIDs, KindArea)
	links("recommendationIds", in.RecommendationIDs, KindRecommendation)
	p.CheckSlugs("themes", in.Themes, MaxThemes)
	if len(in.OrganisationIDs)+len(in.AssetIDs)+len(in.Themes)+len(in.AreaIDs)+len(in.RecommendationIDs) == 0 {
		p.Add("themes", "link the story to at least one organisation, asset, theme, area or recommendation")
	}
	p.checkSource(in.Source)
	return p.Err()
}

// StoryFilter narrows a list of published stories. Each list matches
// stories linked to any of its values.
type StoryFilter struct {
	Kinds             []StoryKind
	Themes            []string
	AreaIDs           []string // stories in these areas or in areas within them
	OrganisationIDs   []string
	AssetIDs          []string
	RecommendationIDs []string
}

// Validate checks the filter.
func (f StoryFilter) Validate() error {
	var p Problems
	checkAmong(&p, "filter.kinds", f.Kinds, StoryKinds)
	p.CheckSlugs("filter.themes", f.Themes, MaxThemes)
	for _, id := range f.AreaIDs {
		p.CheckID("filter.areaIds", id, KindArea)
	}
	for _, id := range f.OrganisationIDs {
		p.CheckID("filter.organisationIds", id, KindOrganisation)
	}
	for _, id := range f.AssetIDs {
		p.CheckID("filter.assetIds", id, KindAsset)
	}
	for _, id := range f.RecommendationIDs {
		p.CheckID("filter.recommendationIds", id, KindRecommendation)
	}
	return p.Err()
}
