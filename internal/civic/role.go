package civic

import (
	"context"
	"fmt"
	"strings"
)

// Role is what a caller may do. Roles are ordered: each may do everything
// the ones below it may.
type Role int

// The roles, from least to most trusted.
const (
	// RolePublic reads published, non-personal data. Requests without
	// credentials act as the public.
	RolePublic Role = iota
	// RoleChampion also sees the contact details of people who consented
	// to share them.
	RoleChampion
	// RoleEditor also changes the graph and sees unpublished material.
	RoleEditor
	// RoleAdmin also merges, imports and restores deleted records.
	RoleAdmin
)

// Roles lists every role, from least to most trusted.
var Roles = []Role{RolePublic, RoleChampion, RoleEditor, RoleAdmin}

var roleNames = [...]string{"public", "champion", "editor", "admin"}

// String returns the role's name as written in configuration and tokens.
func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("Role(%d)", int(r))
	}
	return roleNames[r]
}

// AtLeast reports whether r may do what min may.
func (r Role) AtLeast(min Role) bool { return r >= min }

// ParseRole reads a role name (case-insensitive).
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Role(i), nil
		}
	}
	return RolePublic, Errorf(CodeBadUserInput, "%q is not a role (public, champion, editor or admin)", s)
}

type roleKey struct{}

// WithRole returns ctx carrying the caller's role.
func WithRole(ctx context.Context, r Role) context.Context {
	return context.WithValue(ctx, roleKey{}, r)
}

// RoleFrom returns the caller's role, RolePublic when ctx carries none, so
// that anything that forgets to authenticate gets the least access.
func RoleFrom(ctx context.Context) Role {
	if r, ok := ctx.Value(roleKey{}).(Role); ok {
		return r
	}
	return RolePublic
}

// Forbidden returns the error for a caller whose role does not allow an
// action: UNAUTHENTICATED for a caller without credentials (who might get
// access by presenting some), FORBIDDEN for everyone else.
func Forbidden(ctx context.Context, action string, need Role) *Error {
	if ActorFrom(ctx) == anonymous {
		return Errorf(CodeUnauthenticated, "%s needs credentials with the %s role", action, need)
	}
	return Errorf(CodeForbidden, "%s needs the %s role", action, need)
}
