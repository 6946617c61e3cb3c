import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Qpv } from "../entities/qpv.entity";
import { GeoPoint } from "../schema/geo-point.type";
import { AddressPrecision, AddressQpv, GeocodedAddress, QpvNearAddress } from "./types/address-qpv.type";
import { RequestContext } from "../server/context";
import { badInput } from "../schema/input-errors";
import { GeocodedAddressValue, geocoderDisabled, Geocoder } from "../server/geocoding/ban-geocoder";
import { pointKey, qpvsAtPoints } from "../server/queries/geography/qpv-at";
import { qpvsNearPoints } from "../server/queries/geography/qpvs-near-point";
import { checkRange } from "../schema/validation/ranges";

/** The BAN searches texts of 3 to 200 characters. */
export const MIN_ADDRESS_LENGTH = 3;
export const MAX_ADDRESS_LENGTH = 200;
/** Addresses one request may look up: each is a call to a public service with its own rate limit (50/s per IP). */
export const MAX_ADDRESSES_PER_REQUEST = 5;
/** Nearest QPVs: a few, within walking or commuting distance. */
export const DEFAULT_NEAREST_QPVS = 3;
export const MAX_NEAREST_QPVS = 10;
export const DEFAULT_NEAREST_METERS = 2000;
export const MAX_NEAREST_METERS = 10_000;

/** The address as sent to the geocoder: trimmed, spaces collapsed, of a searchable length, with a letter or digit. */
export function checkedAddress(address: string): string {
  const text = address.replace(/\s+/gu, " ").trim();
  if (text.length > MAX_ADDRESS_LENGTH) {
    throw badInput(`"address" must be at most ${MAX_ADDRESS_LENGTH} characters.`, { argument: "address", reason: "TOO_LARGE" });
  }
  // Control characters have no place in an address (and \s above already turned tabs and newlines into spaces).
  if (text.length < MIN_ADDRESS_LENGTH || !/[\p{L}\p{N}]/u.test(text) || /\p{Cc}/u.test(text)) {
    throw badInput(`"address" must be an address of ${MIN_ADDRESS_LENGTH} to ${MAX_ADDRESS_LENGTH} characters, with letters or digits.`, {
      argument: "address", reason: "MALFORMED",
    });
  }
  return text;
}

/**
 * Batch: geocodes the distinct addresses of a request, refusing those past the per-request bound.
 * DataLoader rejects the load of a key whose value is an Error (typed as the value it stands for).
 */
function geocodeBatch(geocoder: Geocoder) {
  return async (keys: readonly (string | number)[]): Promise<(GeocodedAddressValue | null)[]> => {
    const settled = await Promise.allSettled(keys.slice(0, MAX_ADDRESSES_PER_REQUEST).map((key) => geocoder.geocode(String(key))));
    return keys.map((_, i) => {
      if (i >= MAX_ADDRESSES_PER_REQUEST) {
        return badInput(`At most ${MAX_ADDRESSES_PER_REQUEST} addresses may be looked up in one request.`, { argument: "address", reason: "TOO_LARGE" });
      }
      const outcome = settled[i];
      return outcome.status === "fulfilled" ? outcome.value : (outcome.reason as Error);
    }) as (GeocodedAddressValue | null)[];
  };
}

function toAnswer(found: GeocodedAddressValue): AddressQpv {
  const address = Object.assign(new GeocodedAddress(), {
    label: found.label, score: found.score, precision: AddressPrecision[found.precision], postcode: found.postcode, city: found.city,
    communeInseeCode: found.communeInseeCode, location: GeoPoint.of(found.latitude, found.longitude)!,
  });
  return Object.assign(new AddressQpv(), { address });
}

/** "Is this address in a QPV?": the address geocoded by the Base Adresse Nationale, then qpvAt's test and the nearest contours. */
@Resolver(() => AddressQpv)
export class AddressQpvResolver {
  @Query(() => AddressQpv, {
    nullable: true,
    description:
      "Is this address in a QPV? The address is looked up in the Base Adresse Nationale (the server's geocoder, MAILLAGE_GEOCODER_URL; " +
      "the best match only), then placed against the real QPV contours as `qpvAt` does. Null when the geocoder finds no such address. " +
      "Errors: BAD_USER_INPUT (an address of 3 to 200 characters is needed), GEOCODER_UNAVAILABLE (the geocoder is down, slow or " +
      "answered nonsense: retry later; `reason` says which), GEOCODER_DISABLED (this server looks no address up).",
  })
  async addressQpv(
    @Arg("address", { description: 'A French postal address as people write it, e.g. "12 rue des Arts 59100 Roubaix" (3 to 200 characters).' })
    address: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AddressQpv | null> {
    const text = checkedAddress(address);
    if (!ctx.geocoder) throw geocoderDisabled();
    const found = await ctx.loaders.raw("geocodedAddress", geocodeBatch(ctx.geocoder)).load(text);
    return found ? toAnswer(found) : null;
  }

  @FieldResolver(() => Qpv, { nullable: true, description: "The QPV whose contour contains the address (the rule of `qpvAt`); null outside every QPV." })
  qpv(@Root() answer: AddressQpv, @Ctx() ctx: RequestContext): Promise<Qpv | null> {
    return ctx.loaders.raw("qpvAtPoint", qpvsAtPoints(ctx.loaders)).load(pointKey(answer.address.location));
  }

  @FieldResolver(() => [QpvNearAddress], {
    description:
      "The QPVs whose contour lies within `withinMeters` of the address, nearest first (then by code), the one containing it at 0: " +
      "outside every QPV, the nearest ones and how far they are.",
  })
  nearestQpvs(
    @Root() answer: AddressQpv,
    @Arg("first", () => Int, { defaultValue: DEFAULT_NEAREST_QPVS, description: `How many QPVs at most, 1 to ${MAX_NEAREST_QPVS}.` })
    first: number,
    @Arg("withinMeters", () => Int, {
      defaultValue: DEFAULT_NEAREST_METERS,
      description: `Largest distance from the address to a contour, in metres, 0 to ${MAX_NEAREST_METERS}.`,
    })
    withinMeters: number,
    @Ctx() ctx: RequestContext,
  ): Promise<QpvNearAddress[]> {
    const count = checkRange(first, 1, MAX_NEAREST_QPVS, "first");
    const within = checkRange(withinMeters, 0, MAX_NEAREST_METERS, "withinMeters");
    const loader = ctx.loaders.raw(`qpvsNearPoint:${within}:${count}`, qpvsNearPoints(ctx.loaders, within, count));
    return loader.load(pointKey(answer.address.location)).then((list) => list.map((near) => Object.assign(new QpvNearAddress(), near)));
  }
}
