import cors from "cors";
import express from "express";

/**
 * Cross-origin access from browsers: only the origins listed in MAILLAGE_CORS_ORIGINS get CORS
 * headers; with none listed the API is same-origin only (the explorer is served by this server).
 * Others get no Access-Control-Allow-Origin, so browsers keep the answer from the page.
 */
export function corsPolicy(origins: string[]): express.RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && (allowed.has("*") || allowed.has(origin))),
    methods: ["GET", "POST"],
    // Bearer tokens, JSON bodies, and the preflight headers Apollo clients still send.
    allowedHeaders: ["authorization", "content-type", "apollo-require-preflight", "x-apollo-operation-name", "maillage-consistency-token"],
    exposedHeaders: ["retry-after", "maillage-consistency-token"],
    maxAge: 600,
  });
}
