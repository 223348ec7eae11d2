// The athenaOne REST connector (OAuth2 token cache, paged reads, full-PUT-safe
// writes) lands here with the connectors issue. Nothing in this module yet.
