import { GraphQLError } from "graphql";
import { GeocoderConfig } from "../config";

/** How precisely the geocoder placed an address: the BAN's `type`. */
export type AddressPrecisionValue = "HOUSE_NUMBER" | "STREET" | "LOCALITY" | "MUNICIPALITY";

const PRECISIONS: Readonly<Record<string, AddressPrecisionValue>> = {
  housenumber: "HOUSE_NUMBER", street: "STREET", locality: "LOCALITY", municipality: "MUNICIPALITY",
};

/** The best match of an address, as the geocoder gave it (checked). */
export interface GeocodedAddressValue {
  label: string;
  score: number;
  precision: AddressPrecisionValue;
  postcode: string | null;
  city: string | null;
  communeInseeCode: string | null;
  latitude: number;
  longitude: number;
}

/** Looks an address up; null when the geocoder knows no such address. */
export interface Geocoder {
  geocode(address: string): Promise<GeocodedAddressValue | null>;
}

/** Why the geocoder could not answer (extensions.reason of GEOCODER_UNAVAILABLE). */
export type GeocoderFailure = "TIMEOUT" | "UNREACHABLE" | "BAD_STATUS" | "MALFORMED_RESPONSE";

const MESSAGES: Record<GeocoderFailure, string> = {
  TIMEOUT: "The address geocoder did not answer in time: retry later.",
  UNREACHABLE: "The address geocoder cannot be reached: retry later.",
  BAD_STATUS: "The address geocoder refused the request or failed: retry later.",
  MALFORMED_RESPONSE: "The address geocoder gave an answer that cannot be read: retry later.",
};

/** The geocoder failed: not the client's fault, nor a bug of ours; the client may retry. */
export function geocoderUnavailable(reason: GeocoderFailure): GraphQLError {
  return new GraphQLError(MESSAGES[reason], { extensions: { code: "GEOCODER_UNAVAILABLE", reason } });
}

/** The server was started without a geocoder (MAILLAGE_GEOCODER_URL empty). */
export function geocoderDisabled(): GraphQLError {
  return new GraphQLError("Address look-up is disabled on this server (MAILLAGE_GEOCODER_URL is empty).", { extensions: { code: "GEOCODER_DISABLED" } });
}

/** The geocoder's answer is at most this large: one result of the BAN weighs under 1 KB. */
const MAX_ANSWER_BYTES = 256 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const optionalText = (value: unknown): string | null | undefined =>
  value === undefined || value === null ? null : typeof value === "string" && value.length <= 200 ? value : undefined;

/**
 * The first feature of a GeoCodeJSON FeatureCollection (the BAN's `/search/` answer), checked field
 * by field: anything else than what the BAN documents makes the whole answer MALFORMED_RESPONSE,
 * never a half-read address.
 */
export function readBanAnswer(body: unknown): GeocodedAddressValue | null {
  if (!isObject(body) || body.type !== "FeatureCollection" || !Array.isArray(body.features)) throw geocoderUnavailable("MALFORMED_RESPONSE");
  if (body.features.length === 0) return null;
  const feature = body.features[0];
  if (!isObject(feature) || !isObject(feature.geometry) || !isObject(feature.properties)) throw geocoderUnavailable("MALFORMED_RESPONSE");
  const { geometry, properties: p } = feature;
  const coordinates = geometry.coordinates;
  if (geometry.type !== "Point" || !Array.isArray(coordinates) || coordinates.length < 2) throw geocoderUnavailable("MALFORMED_RESPONSE");
  const [longitude, latitude] = coordinates;
  const precision = typeof p.type === "string" ? PRECISIONS[p.type] : undefined;
  const [postcode, city, communeInseeCode] = [optionalText(p.postcode), optionalText(p.city), optionalText(p.citycode)];
  const valid =
    typeof longitude === "number" && Number.isFinite(longitude) && longitude >= -180 && longitude <= 180 &&
    typeof latitude === "number" && Number.isFinite(latitude) && latitude >= -90 && latitude <= 90 &&
    typeof p.label === "string" && p.label.length > 0 && p.label.length <= 300 &&
    typeof p.score === "number" && p.score >= 0 && p.score <= 1 &&
    precision !== undefined && postcode !== undefined && city !== undefined && communeInseeCode !== undefined;
  if (!valid) throw geocoderUnavailable("MALFORMED_RESPONSE");
  return { label: p.label as string, score: p.score as number, precision: precision!, postcode, city, communeInseeCode, latitude, longitude };
}

/** Reads a response body, refusing one over `limit` bytes without reading it all. */
async function boundedText(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw geocoderUnavailable("MALFORMED_RESPONSE");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A client of the Base Adresse Nationale's search API (or of anything answering in its format, such
 * as the IGN Géoplateforme's `/geocodage/search`): `GET <url>?q=<address>&limit=1`, within the timeout.
 * The address leaves this server for the geocoder only; it is never logged.
 */
export function createBanGeocoder(config: GeocoderConfig): Geocoder {
  return {
    async geocode(address) {
      const url = new URL(config.url);
      url.searchParams.set("q", address);
      url.searchParams.set("limit", "1");
      const signal = AbortSignal.timeout(config.timeoutMs);
      let text: string;
      try {
        const response = await fetch(url, { signal, headers: { accept: "application/json" }, redirect: "error" });
        if (!response.ok) {
          await response.body?.cancel();
          throw geocoderUnavailable("BAD_STATUS");
        }
        text = await boundedText(response, MAX_ANSWER_BYTES);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        throw geocoderUnavailable(signal.aborted ? "TIMEOUT" : "UNREACHABLE");
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw geocoderUnavailable("MALFORMED_RESPONSE");
      }
      return readBanAnswer(body);
    },
  };
}
