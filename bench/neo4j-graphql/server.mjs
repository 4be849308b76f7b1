// The @neo4j/graphql server that civicgraph is benchmarked against: Apollo
// Server 5 over @neo4j/graphql 7, with type definitions equivalent to
// civicgraph's (typeDefs.graphql). Configuration comes from the environment:
// NEO4J_URI (required), PORT (default 4000).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const here = path.dirname(fileURLToPath(import.meta.url));
const typeDefs = fs.readFileSync(path.join(here, "typeDefs.graphql"), "utf8");
const uri = process.env.NEO4J_URI;
if (!uri) {
  console.error("NEO4J_URI is required");
  process.exit(2);
}
const port = Number(process.env.PORT || 4000);

// No authentication: the managed Neo4j of the benchmark has none. The pool
// matches civicgraph's (100 connections).
const driver = neo4j.driver(uri, neo4j.auth.basic("neo4j", "unused"), { maxConnectionPoolSize: 100 });
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { port, host: "127.0.0.1" } });
console.log(`@neo4j/graphql ready at ${url}`);

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  });
}
