// The Healthie GraphQL connector (cursor-paged member reads, membership writes)
// lands here with the connectors issue. Nothing in this module yet.
