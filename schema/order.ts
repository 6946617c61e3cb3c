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

/** An order input: a field of the list's order enum and a direction (ties broken by id). */
export interface OrderValue<F extends string> {
  field: F;
  direction: OrderDirection;
}

/** Builds the `<Name>Order` input type for a list's order enum. */
export function OrderInput<F extends string>(fieldEnum: object, name: string, defaultField: F): ClassType<OrderValue<F>> {
  @InputType(`${name}Order`, { description: `Order of a ${name} list; ties are broken by identifier, so pages never overlap.` })
  class Order implements OrderValue<F> {
    @Field(() => fieldEnum, { defaultValue: defaultField, description: "What to sort by." })
    field: F;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Direction." })
    direction: OrderDirection;
  }
  return Order;
}
