package neo4j

import (
	"strings"
	"unicode"
)

// maxSearchWords bounds how many words of a search text are used.
const maxSearchWords = 10

// luceneQuery turns what a person typed into a query for the full-text
// index, tolerant of small typos: each word matches exactly (weighted most),
// as the start of a longer word, or within one edit (two for words of six
// letters or more). Matches in a name weigh three times those in a
// description or bio, so that searching for a name finds that organisation
// before the assets and partnerships that mention it. ok is false when the
// text has no word to search for.
//
// The person's text never becomes Lucene syntax. It is split into words of
// letters and digits (keeping apostrophes inside words, as in "Mary's"),
// lower-cased so that AND, OR and NOT are ordinary words, and any character
// that would still be special is escaped. Only the operators added here
// (^, *, ~ and the parentheses) are syntax.
func luceneQuery(text string) (query string, ok bool) {
	words := searchWords(text)
	if len(words) == 0 {
		return "", false
	}
	clauses := make([]string, len(words))
	for i, w := range words {
		e := escapeLucene(w)
		n := len([]rune(w))
		parts := []string{e + "^4"}
		if n >= 2 {
			parts = append(parts, e+"*^2")
		}
		switch {
		case n >= 6:
			parts = append(parts, e+"~2")
		case n >= 3:
			parts = append(parts, e+"~1")
		}
		clauses[i] = "(" + strings.Join(parts, " OR ") + ")"
	}
	q := strings.Join(clauses, " ")
	return "name:(" + q + ")^3 description:(" + q + ") bio:(" + q + ")", true
}

// searchWords splits text into lower-case words of letters and digits,
// keeping an apostrophe between two letters, and returns at most
// maxSearchWords of them.
func searchWords(text string) []string {
	runes := []rune(text)
	var words []string
	var b strings.Builder
	end := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for i, r := range runes {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '\u2019') && b.Len() > 0 && i+1 < len(runes) && unicode.IsLetter(runes[i+1]):
			b.WriteRune('\'')
		default:
			end()
		}
	}
	end()
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	return words
}

// luceneSpecial are the characters with a meaning in Lucene's query syntax.
const luceneSpecial = `\+-!():^[]"{}~*?|&/`

// escapeLucene puts a backslash before every special character of s.
func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
