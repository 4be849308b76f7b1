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
