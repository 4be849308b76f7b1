package model

// Place is an organisation or an asset found by where it is (the Place
// union); the executor tells them apart by their Go type.
type Place interface{}

// SearchResult is anything search finds (the SearchResult union).
type SearchResult interface{}
