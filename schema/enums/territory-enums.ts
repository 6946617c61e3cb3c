import { registerEnumType } from "type-graphql";

// Enumerations of the territory.
// The model's columns hold these values (entities/); filters, inputs and figures speak them too.

/** Legal form of an intercommunal body. */
export enum EpciType {
  CC = "CC",
  CA = "CA",
  CU = "CU",
  METRO = "METRO",
  MET69 = "MET69",
}
registerEnumType(EpciType, {
  name: "EpciType",
  description: "Legal form of an EPCI.",
  valuesConfig: {
    CC: { description: "Communauté de communes." },
    CA: { description: "Communauté d'agglomération." },
    CU: { description: "Communauté urbaine." },
    METRO: { description: "Métropole." },
    MET69: { description: "Métropole de Lyon (a collectivity with special status)." },
  },
});

/** Whether a territory is in mainland France, an overseas département-région, or an overseas collectivity. */
export enum TerritoryZone {
  metro = "metro",
  drom = "drom",
  com = "com",
}
registerEnumType(TerritoryZone, {
  name: "TerritoryZone",
  description: "Mainland France (metro), overseas département-région (drom) or overseas collectivity (com).",
  valuesConfig: {
    metro: { description: "Mainland France and Corsica." },
    drom: { description: "Overseas département and région (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte)." },
    com: { description: "Overseas collectivity (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Polynésie...)." },
  },
});
