# civicgraph service image. The database is a separate container (see
# docker-compose.yml); point CIVICGRAPH_NEO4J_URI at it.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/civicgraph ./cmd/civicgraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/civicgraph /civicgraph
EXPOSE 8080
ENTRYPOINT ["/civicgraph"]
CMD ["serve"]
