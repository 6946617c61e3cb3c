import { Field, ObjectType, registerEnumType } from "type-graphql";
import { DashboardFilters } from "../../server/queries/dashboard/scope";
import { LocalDateScalar } from "../../schema/scalars";

/** Kinds of dashboard scope. */
export enum DashboardScopeKind {
  QPV = "QPV",
  COMMUNE = "COMMUNE",
  EPCI = "EPCI",
  DEPARTMENT = "DEPARTMENT",
  REGION = "REGION",
  NETWORK = "NETWORK",
}
registerEnumType(DashboardScopeKind, {
  name: "DashboardScopeKind",
  description: "What a dashboard covers.",
  valuesConfig: {
    QPV: { description: "QPVs." },
    COMMUNE: { description: "Communes." },
    EPCI: { description: "EPCI (intercommunal bodies)." },
    DEPARTMENT: { description: "Départements." },
    REGION: { description: "Régions." },
    NETWORK: { description: "A network: its head and current members." },
  },
});

/**
 * A dashboard: the scope and period, checked; its figures are fields resolved (each by one SQL
 * statement) only when selected.
 */
@ObjectType({
  description:
    "The 4 stakes of the advocacy paper made measurable over a scope and an optional period, plus projects, charter signatories " +
    "and funding. Every figure is computed in SQL with the same filter conditions as the lists, and its description names the list " +
    "query whose `totalCount` it equals.",
})
export class Dashboard {
  @Field(() => DashboardScopeKind, { description: "What the dashboard covers." })
  scopeKind: DashboardScopeKind;

  @Field(() => [String], { description: "The codes of the scope as given, or the id of the network." })
  scopeValues: string[];

  @Field(() => LocalDateScalar, { nullable: true, description: "First day of the period; null without a period." })
  from: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Last day of the period; null without a period." })
  to: string | null;

  /** The list filters of the scope and period (not exposed). */
  filters: DashboardFilters;

  /** Figures already loaded, by name: fields that share a statement run it once. */
  loaded = new Map<string, Promise<unknown>>();

  static of(filters: DashboardFilters): Dashboard {
    return Object.assign(new Dashboard(), {
      scopeKind: filters.kind as DashboardScopeKind,
      scopeValues: filters.values,
      from: filters.period?.from ?? null,
      to: filters.period?.to ?? null,
      filters,
    });
  }

  /** Loads a figure once per dashboard. */
  once<T>(name: string, load: () => Promise<T>): Promise<T> {
    let figure = this.loaded.get(name) as Promise<T> | undefined;
    if (!figure) {
      figure = load();
      this.loaded.set(name, figure);
    }
    return figure;
  }
}
