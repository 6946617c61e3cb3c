/** A GraphQL request as any client sends it: POST, application/json, anonymous. */
export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`Réponse illisible du serveur (HTTP ${response.status}).`);
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new ApiError(first.message, first.extensions?.reason ?? first.extensions?.code);
  }
  return body.data as T;
}

/** Address of a CSV or GeoJSON export of a list, with the list's filter. */
export function exportUrl(list: "associations" | "partners" | "projects" | "events" | "qpvs", format: "csv" | "geojson", filter?: object): string {
  const params = new URLSearchParams();
  if (filter && Object.keys(filter).length) params.set("filter", JSON.stringify(filter));
  const query = params.toString();
  return `/exports/${list}.${format}${query ? `?${query}` : ""}`;
}

export async function fetchGeoJson(url: string): Promise<GeoJSON.FeatureCollection> {
  const response = await fetch(url, { headers: { accept: "application/geo+json" } });
  if (!response.ok) throw new ApiError(`Export indisponible (HTTP ${response.status}).`);
  return response.json();
}
