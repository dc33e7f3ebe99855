import "reflect-metadata";

// The hub never calls home, in tests neither.
process.env.APOLLO_TELEMETRY_DISABLED = "true";
