// The athenaOne and Healthie simulators land here with the sandbox issue.
// Nothing in this module yet.
