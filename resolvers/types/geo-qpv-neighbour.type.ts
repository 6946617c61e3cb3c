import { Field, Float, ObjectType } from "type-graphql";
import { Qpv } from "../../entities/qpv.entity";
import { QpvNeighbourValue } from "../../server/queries/geography/qpv-neighbours";

/** Another QPV near a QPV, and how far their contours are. */
@ObjectType({ description: "A QPV near another one, with the distance between their contours." })
export class QpvNeighbour implements QpvNeighbourValue {
  @Field(() => Qpv, { description: "The neighbouring QPV." })
  qpv: Qpv;

  @Field(() => Float, {
    description:
      "Shortest distance between the two contours, in metres (to the decimetre): 0 when they touch or overlap. " +
      "Contours are given to about 10 m, so QPVs on either side of a street may be a few metres apart.",
  })
  distanceMeters: number;
}
