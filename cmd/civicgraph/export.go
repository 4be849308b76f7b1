package main

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/civicgraph/civicgraph/internal/civic"
	"github.com/civicgraph/civicgraph/internal/neo4j"
)

func init() { commands = append(commands, (*app).exportCommand) }

// exportCommands are further subcommands of export (export data ...),
// each registered from its own file's init().
var exportCommands []func(*app) *cobra.Command

// exportPage is how many nodes or edges one read fetches.
const exportPage = civic.MaxPageSize

func (a *app) exportCommand() *cobra.Command {
	var format, output, minIntensity, activeOn string
	var f civic.NetworkFilter
	var kinds []string
	cmd := &cobra.Command{
		Use:   "export --format graphml|kumu|json [--output FILE] [filters]",
		Short: "Write the organisation network (whole or filtered) for Gephi (GraphML), Kumu (JSON) or other tools",
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, k := range kinds {
				f.Kinds = append(f.Kinds, civic.OrganisationKind(k))
			}
			if minIntensity != "" {
				i := civic.Intensity(strings.ToLower(minIntensity))
				f.MinIntensity = &i
			}
			if activeOn != "" {
				d, err := time.Parse(time.DateOnly, activeOn)
				if err != nil {
					return fmt.Errorf("--active-on: %q is not a date such as 2025-03-31", activeOn)
				}
				f.ActiveOn = &d
			}
			f.Normalise()
			if err := f.Validate(); err != nil {
				return err
			}
			write, ok := exporters[format]
			if !ok {
				return fmt.Errorf("--format must be graphml, kumu or json")
			}
			ctx := cmd.Context()
			store, err := a.store(ctx)
			defer a.close(ctx, store)
			if err != nil {
				return err
			}
			out := io.Writer(os.Stdout)
			if output != "" && output != "-" {
				file, err := os.Create(output)
				if err != nil {
					return err
				}
				defer file.Close()
				out = file
			}
			net, err := readNetwork(ctx, store, f)
			if err != nil {
				return err
			}
			buf := bufio.NewWriter(out)
			if err := write(buf, net); err != nil {
				return err
			}
			if err := buf.Flush(); err != nil {
				return err
			}
			a.log.Info("network exported", "format", format, "nodes", len(net.Nodes), "edges", len(net.Edges))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "graphml", "graphml (Gephi, yEd, networkx), kumu (Kumu's JSON import) or json")
	fl.StringVarP(&output, "output", "o", "", "file to write; default standard output")
	fl.StringSliceVar(&f.Themes, "theme", nil, "only organisations working on these themes (slugs)")
	fl.StringSliceVar(&f.AreaIDs, "area", nil, "only organisations in these areas (IDs), or areas within them")
	fl.StringSliceVar(&kinds, "kind", nil, "only organisations of these kinds (charity, community_group, ...)")
	fl.StringVar(&minIntensity, "min-intensity", "", "only collaborations at least this close (awareness, cooperation, coordination, integration)")
	fl.StringVar(&activeOn, "active-on", "", "the network of this day (YYYY-MM-DD)")
	for _, c := range exportCommands {
		cmd.AddCommand(c(a))
	}
	return cmd
}

// network is what an export writes.
type network struct {
	Nodes []civic.NetworkNode
	Edges []civic.NetworkEdge
}

// readNetwork reads the filtered network page by page.
func readNetwork(ctx context.Context, s *neo4j.Store, f civic.NetworkFilter) (*network, error) {
	n := &network{}
	size := exportPage
	for after := (*string)(nil); ; {
		p, err := s.NetworkNodes(ctx, f, civic.PageArgs{First: &size, After: after})
		if err != nil {
			return nil, err
		}
		n.Nodes = append(n.Nodes, p.Items...)
		if !p.HasNext() {
			break
		}
		c := p.Cursor(len(p.Items) - 1)
		after = &c
	}
	for after := (*string)(nil); ; {
		p, err := s.NetworkEdges(ctx, f, civic.PageArgs{First: &size, After: after})
		if err != nil {
			return nil, err
		}
		n.Edges = append(n.Edges, p.Items...)
		if !p.HasNext() {
			break
		}
		c := p.Cursor(len(p.Items) - 1)
		after = &c
	}
	return n, nil
}

var exporters = map[string]func(io.Writer, *network) error{
	"graphml": writeGraphML,
	"kumu":    writeKumu,
	"json":    writeJSON,
}

func date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// writeGraphML writes GraphML with the attributes Gephi shows as columns.
func writeGraphML(w io.Writer, n *network) error {
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	type key struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	}
	type node struct {
		ID   string `xml:"id,attr"`
		Data []data `xml:"data"`
	}
	type edge struct {
		ID     string `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Data   []data `xml:"data"`
	}
	type graph struct {
		ID          string `xml:"id,attr"`
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []node `xml:"node"`
		Edges       []edge `xml:"edge"`
	}
	doc := struct {
		XMLName xml.Name `xml:"graphml"`
		NS      string   `xml:"xmlns,attr"`
		Keys    []key    `xml:"key"`
		Graph   graph    `xml:"graph"`
	}{NS: "http://graphml.graphdrawing.org/xmlns", Graph: graph{ID: "civicgraph", EdgeDefault: "undirected"}}
	doc.Keys = []key{
		{"label", "node", "label", "string"}, {"kind", "node", "kind", "string"}, {"area", "node", "area", "string"},
		{"themes", "node", "themes", "string"}, {"intensity", "edge", "intensity", "string"}, {"weight", "edge", "weight", "int"},
		{"since", "edge", "since", "string"}, {"until", "edge", "until", "string"}, {"ethemes", "edge", "themes", "string"},
	}
	for _, v := range n.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, node{ID: v.ID, Data: []data{
			{"label", v.Label}, {"kind", string(v.OrganisationKind)}, {"area", v.AreaID}, {"themes", strings.Join(v.Themes, ";")},
		}})
	}
	for _, e := range n.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, edge{ID: e.ID, Source: e.FromID, Target: e.ToID, Data: []data{
			{"intensity", string(e.Intensity)}, {"weight", fmt.Sprint(e.Intensity.Rank())},
			{"since", date(e.Since)}, {"until", date(e.Until)}, {"ethemes", strings.Join(e.Themes, ";")},
		}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeKumu writes Kumu's JSON import format: elements and connections,
// joined by element IDs so that organisations sharing a name stay apart.
func writeKumu(w io.Writer, n *network) error {
	type element struct {
		ID    string   `json:"_id"`
		Label string   `json:"label"`
		Type  string   `json:"type"`
		Area  string   `json:"area,omitempty"`
		Tags  []string `json:"tags,omitempty"`
	}
	type connection struct {
		ID        string   `json:"_id"`
		From      string   `json:"from"`
		To        string   `json:"to"`
		Type      string   `json:"type"`
		Direction string   `json:"direction"`
		Since     string   `json:"since,omitempty"`
		Until     string   `json:"until,omitempty"`
		Tags      []string `json:"tags,omitempty"`
	}
	doc := struct {
		Elements    []element    `json:"elements"`
		Connections []connection `json:"connections"`
	}{Elements: []element{}, Connections: []connection{}}
	for _, v := range n.Nodes {
		doc.Elements = append(doc.Elements, element{ID: v.ID, Label: v.Label, Type: string(v.OrganisationKind), Area: v.AreaID, Tags: v.Themes})
	}
	for _, e := range n.Edges {
		doc.Connections = append(doc.Connections, connection{ID: e.ID, From: e.FromID, To: e.ToID, Type: string(e.Intensity),
			Direction: "undirected", Since: date(e.Since), Until: date(e.Until), Tags: e.Themes})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// writeJSON writes nodes and edges as the GraphQL API names them.
func writeJSON(w io.Writer, n *network) error {
	type node struct {
		ID               string   `json:"id"`
		Label            string   `json:"label"`
		OrganisationKind string   `json:"organisationKind"`
		AreaID           string   `json:"areaId,omitempty"`
		Themes           []string `json:"themes"`
	}
	type edge struct {
		ID        string   `json:"id"`
		FromID    string   `json:"fromId"`
		ToID      string   `json:"toId"`
		Intensity string   `json:"intensity"`
		Since     string   `json:"since,omitempty"`
		Until     string   `json:"until,omitempty"`
		Themes    []string `json:"themes"`
	}
	doc := struct {
		Nodes []node `json:"nodes"`
		Edges []edge `json:"edges"`
	}{Nodes: []node{}, Edges: []edge{}}
	for _, v := range n.Nodes {
		doc.Nodes = append(doc.Nodes, node{v.ID, v.Label, string(v.OrganisationKind), v.AreaID, nonNilStrings(v.Themes)})
	}
	for _, e := range n.Edges {
		doc.Edges = append(doc.Edges, edge{e.ID, e.FromID, e.ToID, string(e.Intensity), date(e.Since), date(e.Until), nonNilStrings(e.Themes)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
