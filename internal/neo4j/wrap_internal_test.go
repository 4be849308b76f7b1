package neo4j

import (
	"context"
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/civicgraph/civicgraph/internal/civic"
)

// TestWrapCodes checks the codes driver errors become: the client's
// conflicts, the database's unavailability, and everything else internal.
func TestWrapCodes(t *testing.T) {
	s := &Store{}
	for _, tc := range []struct {
		name string
		err  error
		want civic.Code
	}{
		{"a constraint", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists with property `orgId`"}, civic.CodeConflict},
		{"a deadline", context.DeadlineExceeded, civic.CodeUnavailable},
		{"a cancelled request", context.Canceled, civic.CodeUnavailable},
		{"a lost connection", &neo4j.ConnectivityError{Inner: errors.New("EOF")}, civic.CodeUnavailable},
		{"a refused handshake", errors.New("server did not accept any of the requested Bolt versions ([4]bolt.protocolVersion{})"), civic.CodeUnavailable},
		{"an empty handshake offer", errors.New("none of the server offered Bolt versions are supported (offered: []bolt.protocolVersion{})"), civic.CodeUnavailable},
		{"a syntax error", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, civic.CodeInternal},
	} {
		if got := civic.ErrorCode(s.wrap("test", tc.err)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
