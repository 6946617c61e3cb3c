import { ApiError, errorFromBody, retryAfter } from "./errors";

export { ApiError } from "./errors";

/** fetch(), with a network failure raised as an ApiError (NETWORK_ERROR) that the explorer can explain. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new ApiError(error instanceof Error ? error.message : String(error), "NETWORK_ERROR");
  }
}

/** A response that is not the JSON expected (a proxy's error page...), as an ApiError. */
function unreadable(response: Response): ApiError {
  return new ApiError(`Unreadable response (HTTP ${response.status}).`, "UNREADABLE_RESPONSE", {
    status: response.status, retryAfterSeconds: retryAfter(response.headers.get("retry-after")),
  });
}

/** A GraphQL request as any client sends it: POST, application/json, anonymous. */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] };
  try {
    body = await response.json();
  } catch {
    throw unreadable(response);
  }
  if (body.errors?.length) throw errorFromBody(body, response.status, response.headers);
  return body.data as T;
}

export type ExportListName = "associations" | "partners" | "projects" | "events" | "qpvs";

/**
 * Address of a CSV or GeoJSON export of a list, with the list's filter. `spreadsheet`: the CSV's
 * form for people (French headers and labels, `;`, decimal comma); otherwise the data form for programs.
 */
export function exportUrl(list: ExportListName, format: "csv" | "geojson", filter?: object, form?: "spreadsheet"): string {
  const params = new URLSearchParams();
  if (filter && Object.keys(filter).length) params.set("filter", JSON.stringify(filter));
  if (form) params.set("form", form);
  const query = params.toString();
  return `/exports/${list}.${format}${query ? `?${query}` : ""}`;
}

export async function fetchGeoJson(url: string): Promise<GeoJSON.FeatureCollection> {
  const response = await request(url, { headers: { accept: "application/geo+json" } });
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw unreadable(response);
    }
    throw errorFromBody(body, response.status, response.headers);
  }
  try {
    return await response.json();
  } catch {
    throw unreadable(response);
  }
}
