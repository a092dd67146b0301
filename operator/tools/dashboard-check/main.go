// Command dashboard-check decodes Grafana dashboard JSON files strictly with Grafana's own dashboard model (the
// grafana-foundation-sdk's generated types: unknown fields, wrong types and missing required fields are errors),
// and prints each Prometheus query of each panel as one JSON line, for the caller to run against Prometheus.
// A test engine of genai-operator's (the product stays Java): exit 0 all valid, 1 any invalid, 2 usage.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/plugins"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
)

type query struct {
	Dashboard string `json:"dashboard"`
	Panel     string `json:"panel"`
	PanelType string `json:"panelType"`
	RefID     string `json:"refId"`
	Expr      string `json:"expr"`
	Instant   bool   `json:"instant"`
}

// valid: no error. The SDK returns its error list typed (cog.BuildErrors), so an empty one is a non-nil error.
func valid(err error) bool {
	if be, ok := err.(cog.BuildErrors); ok {
		return len(be) == 0
	}
	return err == nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dashboard-check FILE.json...")
		os.Exit(2)
	}
	plugins.RegisterDefaultPlugins()
	failed := false
	out := json.NewEncoder(os.Stdout)
	for _, file := range os.Args[1:] {
		raw, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(2)
		}
		var d dashboard.Dashboard
		if err := d.UnmarshalJSONStrict(raw); !valid(err) {
			fmt.Fprintf(os.Stderr, "%s: not a valid Grafana dashboard: %v\n", file, err)
			failed = true
			continue
		}
		// the strict decoding validates; the SDK drops what it decoded of each panel (its error list comes back typed
		// and empty, so not nil), so the queries are read from a second, ordinary decoding
		d = dashboard.Dashboard{}
		if err := json.Unmarshal(raw, &d); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			failed = true
			continue
		}
		uid := ""
		if d.Uid != nil {
			uid = *d.Uid
		}
		for _, p := range d.Panels {
			if p.Panel == nil {
				continue
			}
			title := ""
			if p.Panel.Title != nil {
				title = *p.Panel.Title
			}
			for _, t := range p.Panel.Targets {
				q, ok := t.(*prometheus.Dataquery)
				if !ok {
					fmt.Fprintf(os.Stderr, "%s: panel %q: a target that is not a Prometheus query (%T)\n", file, title, t)
					failed = true
					continue
				}
				instant := q.Instant != nil && *q.Instant
				ref := ""
				if q.RefId != nil {
					ref = *q.RefId
				}
				if err := out.Encode(query{uid, title, p.Panel.Type, ref, q.Expr, instant}); err != nil {
					os.Exit(2)
				}
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}
