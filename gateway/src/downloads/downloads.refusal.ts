import type express from "express";
import type { PublicGraphResult } from "../public-graph";
import { DownloadRefusal, parameterOfArgument } from "./downloads.params";

type GraphError = NonNullable<PublicGraphResult<unknown>["errors"]>[number];

/** Turns the errors of the graph into the answer of the route: 404 for an unknown indicator, 400 for bad parameters. */
export function refusalOf(errors: readonly GraphError[]): DownloadRefusal {
  for (const error of errors) {
    const code = error.extensions?.code;
    const argument = typeof error.extensions?.argumentName === "string" ? error.extensions.argumentName : undefined;
    const parameter = argument ? parameterOfArgument(argument) : undefined;
    const allowed = Array.isArray(error.extensions?.allowed) ? (error.extensions.allowed as string[]) : undefined;
    // The path names the indicator: an unknown one is a download that does not exist (the graph answers BAD_USER_INPUT
    // naming "indicator"; its format was checked before asking).
    if ((code === "NOT_FOUND" || code === "BAD_USER_INPUT") && parameter === "indicator")
      return new DownloadRefusal(404, error.message, "indicator");
    if (code === "NOT_FOUND" || code === "BAD_USER_INPUT")
      return new DownloadRefusal(400, error.message, parameter, allowed);
  }
  return new DownloadRefusal(502, "The observations could not be read from the graph; try again later");
}

/** Answers a refusal: its status, with a JSON error naming the parameter (and the allowed values). */
export function sendError(res: express.Response, refusal: DownloadRefusal): void {
  res.status(refusal.status).json({
    error: {
      status: refusal.status,
      message: refusal.message,
      ...(refusal.parameter ? { parameter: refusal.parameter } : {}),
      ...(refusal.allowed ? { allowed: refusal.allowed } : {}),
    },
  });
}
