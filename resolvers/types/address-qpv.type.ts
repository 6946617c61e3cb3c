import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { Qpv } from "../../entities/qpv.entity";
import { GeoPoint } from "../../schema/geo-point.type";

/** How precisely the address was placed (the Base Adresse Nationale's `type`). */
export enum AddressPrecision {
  HOUSE_NUMBER = "HOUSE_NUMBER",
  STREET = "STREET",
  LOCALITY = "LOCALITY",
  MUNICIPALITY = "MUNICIPALITY",
}
registerEnumType(AddressPrecision, {
  name: "AddressPrecision",
  description: "How precisely the geocoder placed an address: only HOUSE_NUMBER is the door itself.",
  valuesConfig: {
    HOUSE_NUMBER: { description: "The house number was found: the point is at the door." },
    STREET: { description: "Only the street was found: the point is somewhere on it, and a long street may cross a QPV's edge." },
    LOCALITY: { description: "Only a lieu-dit was found: the point is its centre." },
    MUNICIPALITY: { description: "Only the commune was found: the point is its centre, which says nothing of the address." },
  },
});

/** The address the geocoder matched. */
@ObjectType({ description: "An address as the Base Adresse Nationale matched it: its normalised label and its point." })
export class GeocodedAddress {
  @Field({ description: 'The address found, normalised, e.g. "8 Boulevard du Port 80000 Amiens": show it, so that people can check it is theirs.' })
  label: string;

  @Field(() => Float, { description: "How well the text matched the address found, 0 to 1 (the geocoder's score): below about 0.5, check the label." })
  score: number;

  @Field(() => AddressPrecision, { description: "How precisely the address was placed." })
  precision: AddressPrecision;

  @Field(() => String, { nullable: true, description: "Postal code." })
  postcode: string | null;

  @Field(() => String, { nullable: true, description: "Name of the commune." })
  city: string | null;

  @Field(() => String, { nullable: true, description: "INSEE code of the commune (of the arrondissement in Paris, Lyon and Marseille)." })
  communeInseeCode: string | null;

  @Field(() => GeoPoint, { description: "Where the address is (WGS84)." })
  location: GeoPoint;
}

/** A QPV near a point, with the distance from the point to its contour. */
@ObjectType({ description: "A QPV near an address, with the distance from the address to its contour." })
export class QpvNearAddress {
  @Field(() => Qpv, { description: "The QPV." })
  qpv: Qpv;

  @Field(() => Float, {
    description:
      "Distance from the address to the QPV's contour, in metres (to the decimetre); 0 when the address is inside it. Contours are " +
      "given to about 10 m: an address a few metres away may be on the other side of the street, or inside.",
  })
  distanceMeters: number;
}

/** What `addressQpv` answers. */
@ObjectType({ description: "Is this address in a QPV? The address found, the QPV containing it if any, and the QPVs nearby." })
export class AddressQpv {
  @Field(() => GeocodedAddress, { description: "The address the geocoder matched: check its label and precision." })
  address: GeocodedAddress;
}
