import { ClassType, Field, InputType, registerEnumType } from "type-graphql";

/** Sort direction. */
export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction.",
  valuesConfig: { ASC: { description: "Ascending (A to Z, oldest first)." }, DESC: { description: "Descending (Z to A, newest first)." } },
});

/** An order input: a field of the list's order enum (or the list's default) and a direction (ties broken by id). */
export interface OrderValue<F extends string> {
  field?: F | null;
  direction: OrderDirection;
}

/** Builds the `<Name>Order` input type for a list's order enum. */
export function OrderInput<F extends string>(fieldEnum: object, name: string): ClassType<OrderValue<F>> {
  @InputType(`${name}Order`, { description: `Order of a ${name} list; ties are broken by identifier, so pages never overlap.` })
  class Order implements OrderValue<F> {
    @Field(() => fieldEnum, { nullable: true, description: "What to sort by; when omitted, the list's default order (given in its description)." })
    field?: F | null;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Direction." })
    direction: OrderDirection;
  }
  return Order;
}
