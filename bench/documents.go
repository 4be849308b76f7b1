package bench

// The documents and Cypher of the queries in Queries. Each trio asks for the
// same data; the floor's Cypher builds civicgraph's JSON in Neo4j, with the
// same visibility rules (nothing soft-deleted) and the same orders
// (collaborations newest first, lists by name then id).

// Collaborations of o with partner p, visible, as civicgraph reads them.
const floorCollab = `(o)-[c:COLLABORATES_WITH]-(p:Organisation) WHERE c.deletedAt IS NULL AND p.deletedAt IS NULL`

const civicOrganisation = `query Organisation($id: ID!) {
  organisation(id: $id) {
    id name kind
    area { id name }
    themes { slug }
    collaborations(first: 10) {
      totalCount
      edges {
        node { id intensity since }
        partner {
          id name kind
          collaborations(first: 5) {
            totalCount
            edges { node { id intensity since } partner { id name } }
          }
        }
      }
    }
  }
}`

const neoOrganisation = `query Organisation($id: ID!) {
  organisations(where: { id: { eq: $id } }) {
    id name kind
    area { id name }
    themes { slug }
    collaborationsConnection(first: 10, sort: [{ edge: { since: DESC } }, { edge: { id: DESC } }]) {
      totalCount
      edges {
        properties { id intensity since }
        node {
          id name kind
          collaborationsConnection(first: 5, sort: [{ edge: { since: DESC } }, { edge: { id: DESC } }]) {
            totalCount
            edges { properties { id intensity since } node { id name } }
          }
        }
      }
    }
  }
}`

const floorOrganisation = `MATCH (o:Organisation {id: $id}) WHERE o.deletedAt IS NULL
CALL (o) {
  MATCH ` + floorCollab + `
  WITH c, p ORDER BY c.since IS NULL, c.since DESC, c.id DESC LIMIT 10
  RETURN collect({
    node: {id: c.id, intensity: toUpper(c.intensity), since: toString(c.since)},
    partner: {id: p.id, name: p.name, kind: toUpper(p.kind), collaborations: {
      totalCount: COUNT { MATCH (p)-[c2:COLLABORATES_WITH]-(q:Organisation) WHERE c2.deletedAt IS NULL AND q.deletedAt IS NULL },
      edges: COLLECT {
        MATCH (p)-[c2:COLLABORATES_WITH]-(q:Organisation) WHERE c2.deletedAt IS NULL AND q.deletedAt IS NULL
        WITH c2, q ORDER BY c2.since IS NULL, c2.since DESC, c2.id DESC LIMIT 5
        RETURN {node: {id: c2.id, intensity: toUpper(c2.intensity), since: toString(c2.since)}, partner: {id: q.id, name: q.name}}
      }
    }}
  }) AS edges
}
RETURN {organisation: {
  id: o.id, name: o.name, kind: toUpper(o.kind),
  area: [(o)-[:LOCATED_IN]->(a:Area) WHERE a.deletedAt IS NULL | {id: a.id, name: a.name}][0],
  themes: [(o)-[:HAS_THEME]->(t:Theme) WHERE t.deletedAt IS NULL | {slug: t.slug}],
  collaborations: {totalCount: COUNT { MATCH ` + floorCollab + ` }, edges: edges}
}} AS data`

const civicPage = `query Page($themes: [String!], $area: ID!) {
  organisations(first: 50, filter: { themes: $themes, areaIds: [$area] }) {
    totalCount
    edges {
      node {
        id name kind
        area { id name }
        themes { slug }
        collaborations(first: 3) {
          totalCount
          edges { node { intensity } partner { id name } }
        }
      }
    }
  }
}`

// The area filter takes the area and the areas directly within it; the
// synthetic city's organisations are in wards, which have no areas within.
const neoPage = `query Page($themes: [String!], $area: ID!) {
  organisationsConnection(
    first: 50
    where: {
      themes: { some: { slug: { in: $themes } } }
      area: { OR: [{ id: { eq: $area } }, { parent: { id: { eq: $area } } }] }
    }
    sort: [{ name: ASC }, { id: ASC }]
  ) {
    totalCount
    edges {
      node {
        id name kind
        area { id name }
        themes { slug }
        collaborationsConnection(first: 3, sort: [{ edge: { since: DESC } }, { edge: { id: DESC } }]) {
          totalCount
          edges { properties { intensity } node { id name } }
        }
      }
    }
  }
}`

const floorPage = `MATCH (:Area {id: $area})<-[:PART_OF*0..4]-(:Area)<-[:LOCATED_IN]-(o:Organisation)
WHERE o.deletedAt IS NULL AND EXISTS { (o)-[:HAS_THEME]->(t:Theme) WHERE t.slug IN $themes }
WITH DISTINCT o ORDER BY o.name, o.id
WITH collect(o) AS matched
CALL (matched) {
  UNWIND matched[..50] AS o
  RETURN collect({node: {
    id: o.id, name: o.name, kind: toUpper(o.kind),
    area: [(o)-[:LOCATED_IN]->(a:Area) WHERE a.deletedAt IS NULL | {id: a.id, name: a.name}][0],
    themes: [(o)-[:HAS_THEME]->(t:Theme) WHERE t.deletedAt IS NULL | {slug: t.slug}],
    collaborations: {
      totalCount: COUNT { MATCH ` + floorCollab + ` },
      edges: COLLECT {
        MATCH ` + floorCollab + `
        WITH c, p ORDER BY c.since IS NULL, c.since DESC, c.id DESC LIMIT 3
        RETURN {node: {intensity: toUpper(c.intensity)}, partner: {id: p.id, name: p.name}}
      }
    }
  }}) AS edges
}
RETURN {organisations: {totalCount: size(matched), edges: edges}} AS data`

const civicDashboard = `query Dashboard($theme: String!) {
  areas(first: 100, filter: { kinds: [WARD] }) {
    edges {
      node {
        id name
        all: organisations(first: 0) { totalCount }
        onTheme: organisations(first: 0, filter: { themes: [$theme] }) { totalCount }
      }
    }
  }
}`

const neoDashboard = `query Dashboard($theme: String!) {
  areas(where: { kind: { eq: ward } }, sort: [{ name: ASC }, { id: ASC }], limit: 100) {
    id name
    all: organisationsConnection { totalCount }
    onTheme: organisationsConnection(where: { node: { themes: { some: { slug: { eq: $theme } } } } }) { totalCount }
  }
}`

const floorDashboard = `MATCH (w:Area) WHERE w.kind = 'ward' AND w.deletedAt IS NULL
WITH w ORDER BY w.name, w.id LIMIT 100
CALL (w) {
  MATCH (w)<-[:PART_OF*0..4]-(:Area)<-[:LOCATED_IN]-(o:Organisation) WHERE o.deletedAt IS NULL
  RETURN count(o) AS all, count(CASE WHEN EXISTS { (o)-[:HAS_THEME]->(:Theme {slug: $theme}) } THEN 1 END) AS onTheme
}
RETURN {areas: {edges: collect({node: {id: w.id, name: w.name, all: {totalCount: all}, onTheme: {totalCount: onTheme}}})}} AS data`

// nearby: the 20 organisations nearest a point within 2 km that work on a
// theme, with their distances. The floor's Cypher is also the statement of
// @neo4j/graphql's @cypher field, and goes through the point index as
// civicgraph's does.
const civicNearby = `query Nearby($lat: Float!, $lon: Float!, $theme: String!) {
  nearbyPartners(near: { point: { latitude: $lat, longitude: $lon } }, radiusKm: 2, filter: { themes: [$theme] }, first: 20) {
    edges { distanceKm node { ... on Organisation { id name } } }
  }
}`

const neoNearby = `query Nearby($lat: Float!, $lon: Float!, $theme: String!) {
  nearbyPartners(latitude: $lat, longitude: $lon, km: 2.0, theme: $theme, limit: 20) {
    id name
    distanceKm(latitude: $lat, longitude: $lon)
  }
}`

const floorNearby = `MATCH (n:Organisation)
WHERE point.distance(n.location, point({latitude: $lat, longitude: $lon})) <= 2000.0 AND n.deletedAt IS NULL
  AND EXISTS { (n)-[:HAS_THEME]->(t:Theme) WHERE t.slug = $theme AND t.deletedAt IS NULL }
WITH n, point.distance(n.location, point({latitude: $lat, longitude: $lon})) AS d
ORDER BY d ASC, n.id ASC LIMIT 20
RETURN {nearbyPartners: {edges: collect({distanceKm: d / 1000.0, node: {id: n.id, name: n.name}})}} AS data`

// path: one shortest path of collaborations (at most 6) between two
// organisations. civicgraph's path may also pass through people and
// partnerships; the filter keeps it to collaborations, as the others walk.
const civicPath = `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 6, filter: { edgeKinds: [COLLABORATION] }) {
    length
    nodes { id label }
  }
}`

const neoPath = `query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to) { id name }
}`

const floorPath = `MATCH (a:Organisation {id: $from}) WHERE a.deletedAt IS NULL
MATCH (b:Organisation {id: $to}) WHERE b.deletedAt IS NULL
OPTIONAL MATCH p = SHORTEST 1 (a)(()-[r:COLLABORATES_WITH]-(x) WHERE r.deletedAt IS NULL AND x.deletedAt IS NULL){1,6}(b)
RETURN {path: CASE WHEN p IS NULL THEN null ELSE {length: length(p), nodes: [n IN nodes(p) | {id: n.id, label: n.name}]} END} AS data`
