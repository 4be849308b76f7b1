package neo4j

import (
	"strings"
	"testing"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Food", "(food^4 OR food*^2 OR food~1)"},
		{"sparkhill  FOOD", "(sparkhill^4 OR sparkhill*^2 OR sparkhill~2) (food^4 OR food*^2 OR food~1)"},
		{"St Mary's", "(st^4 OR st*^2) (mary's^4 OR mary's*^2 OR mary's~2)"},
		{"a", "(a^4)"},
		{"Café", "(café^4 OR café*^2 OR café~1)"},
		// Query syntax typed by a person is taken as words.
		{"food AND (bank OR hall)", "(food^4 OR food*^2 OR food~1) (and^4 OR and*^2 OR and~1) (bank^4 OR bank*^2 OR bank~1) (or^4 OR or*^2) (hall^4 OR hall*^2 OR hall~1)"},
		{`title:"x" +y -z~2 a* b? \c [d TO e] {f} ^g !h /re/ && ||`, "(title^4 OR title*^2 OR title~1) (x^4) (y^4) (z^4) (2^4) (a^4) (b^4) (c^4) (d^4) (to^4 OR to*^2)"},
	}
	for _, tt := range tests {
		got, ok := luceneQuery(tt.text)
		w := tt.want
		tt.want = "name:(" + w + ")^3 description:(" + w + ") bio:(" + w + ")"
		if !ok || got != tt.want {
			t.Errorf("luceneQuery(%q) = %q, %v\nwant %q", tt.text, got, ok, tt.want)
		}
	}
	for _, empty := range []string{"", "   ", `"*?~^!()[]{}:\/+-&|'`} {
		if q, ok := luceneQuery(empty); ok {
			t.Errorf("luceneQuery(%q) = %q, want nothing to search for", empty, q)
		}
	}
}

func TestSearchWordsAreBounded(t *testing.T) {
	words := searchWords(strings.Repeat("word ", 50))
	if len(words) != maxSearchWords {
		t.Errorf("%d words, want %d", len(words), maxSearchWords)
	}
}

func TestEscapeLucene(t *testing.T) {
	in := `a+b-c!d(e)f:g^h[i]j"k{l}m~n*o?p|q&r/s\t`
	want := `a\+b\-c\!d\(e\)f\:g\^h\[i\]j\"k\{l\}m\~n\*o\?p\|q\&r\/s\\t`
	if got := escapeLucene(in); got != want {
		t.Errorf("escapeLucene = %s, want %s", got, want)
	}
}
