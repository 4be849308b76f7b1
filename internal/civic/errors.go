package civic

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for clients. The values are part of the public
// contract: they appear verbatim as `extensions.code` in GraphQL responses.
type Code string

// Error codes understood by every transport.
const (
	CodeBadUserInput    Code = "BAD_USER_INPUT"
	CodeNotFound        Code = "NOT_FOUND"
	CodeConflict        Code = "CONFLICT"
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	CodeForbidden       Code = "FORBIDDEN"
	CodeUnavailable     Code = "UNAVAILABLE"
	CodeInternal        Code = "INTERNAL"
)

// FieldError names one invalid input field and says what is wrong with it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the domain error. Its Message is safe to show to a client; an
// underlying cause, if any, is kept for logs only.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a NOT_FOUND error for an entity of the given kind.
func NotFound(kind EntityKind, id string) *Error {
	return Errorf(CodeNotFound, "%s %q not found", kind.Name(), id)
}

// ErrorCode returns the code of err, or INTERNAL when err carries none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the client-safe message of err. Errors that are not
// domain errors are internal and are summarised without detail.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records a problem with field.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns a BAD_USER_INPUT error listing every problem, or nil if there are none.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	msgs := make([]string, len(p))
	for i, f := range p {
		msgs[i] = f.Field + ": " + f.Message
	}
	return &Error{Code: CodeBadUserInput, Message: "invalid input: " + strings.Join(msgs, "; "), Fields: p}
}
