package loader

// SiblingsOf returns the objects of type T fetched together with the
// object with the given ID, that object included.
func SiblingsOf[T any](l *Loaders, id string) []*T {
	l.mu.Lock()
	group := l.groups[id]
	l.mu.Unlock()
	var out []*T
	for _, o := range group {
		if t, ok := o.(*T); ok {
			out = append(out, t)
		}
	}
	return out
}
