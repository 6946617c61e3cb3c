import { Pool } from "pg";

/**
 * The query mix of the benchmark (issue 7): what a mobile client, a policy officer, a federation and
 * a search box ask, plus a write. Variables are picked from the loaded data by fixed rules (the biggest
 * QPV, the busiest association...), so two runs on the same dataset send the same requests.
 */

export interface BenchVariables {
  /** Global id and key of the association with the most project participations among those with at least 3 upcoming events in QPVs (ties: lowest id). */
  associationId: string;
  associationKey: number;
  /** The QPV with the most associations based or active in it, and the most common theme among them. */
  qpvCode: string;
  themeCode: string;
  /** The département with the most associations. */
  departmentCode: string;
  /** The network head with the most current members. */
  networkId: string;
  networkKey: number;
  /** Searched text: a word of the busiest association's topic and the one-word commune of the département with the most associations. */
  searchText: string;
  /** Associations the writes update, in turn (one at a time each: no version conflicts between connections), with their current version. */
  writeKeys: number[];
  writeVersions: number[];
  /** "Next events" start from this instant (fixed, so that the results do not move with the clock). */
  now: string;
}

export interface BenchQuery {
  name: string;
  /** What it stands for, in the results. */
  description: string;
  kind: "read" | "write";
  query: string;
  variables: (v: BenchVariables) => Record<string, unknown>;
  /** Relation levels below the root field: the target is at most 1 + this many SQL statements. */
  relationLevels: number;
}

export const toGlobalId = (type: string, key: string | number) => Buffer.from(`${type}:${key}`, "utf8").toString("base64url");

export const QUERIES: BenchQuery[] = [
  {
    name: "mobileDetail",
    description: "an association, its 10 heaviest cooperation links (with the partner) and its next 5 events (with their QPV)",
    kind: "read",
    relationLevels: 2,
    query: `query MobileDetail($id: ID!, $now: DateTime!) {
  association(id: $id) {
    id name shortName employerSize
    commune { inseeCode name }
    cooperationLinks(first: 10) { totalCount edges { node { weight kinds lastActivityOn partner { id name } } } }
    events(first: 5, filter: { startsAfter: $now }, orderBy: { field: STARTS_AT }) {
      totalCount edges { node { id title kind startsAt qpv { code name } } }
    }
  }
}`,
    variables: (v) => ({ id: v.associationId, now: v.now }),
  },
  {
    name: "officerList",
    description: "the associations of the biggest QPV on one theme, first 50 by name, with their themes (two levels deep)",
    kind: "read",
    relationLevels: 2,
    query: `query OfficerList($qpv: String!, $theme: String!) {
  qpv(code: $qpv) {
    code name
    associations(first: 50, filter: { themeCodes: [$theme] }) {
      totalCount edges { node { id name rna employerSize themes { code label } } }
    }
  }
}`,
    variables: (v) => ({ qpv: v.qpvCode, theme: v.themeCode }),
  },
  {
    name: "departmentDashboard",
    description: "dashboard of the biggest département: associations by size and federation, projects by status, participation, funding",
    kind: "read",
    relationLevels: 1,
    query: DASHBOARD("departmentCodes: [$scope]", "String!"),
    variables: (v) => ({ scope: v.departmentCode }),
  },
  {
    name: "networkDashboard",
    description: "the same dashboard for the biggest network (its current members)",
    kind: "read",
    relationLevels: 1,
    query: DASHBOARD("networkId: $scope", "ID!"),
    variables: (v) => ({ scope: v.networkId }),
  },
  {
    name: "search",
    description: "search of associations by a topic word and a commune name, first 20",
    kind: "read",
    relationLevels: 1,
    query: `query Search($text: String!) {
  search(text: $text, first: 20, kinds: [ASSOCIATION]) {
    totalCount edges { score node { ... on Association { id name } } }
  }
}`,
    variables: (v) => ({ text: v.searchText }),
  },
  {
    name: "wideProjects",
    description: "the first 50 projects by title, each with its participants (lead first) and their organisation",
    kind: "read",
    relationLevels: 2,
    query: `query WideProjects {
  projects(first: 50) {
    edges { node { id title participants { role organization { id name } } } }
  }
}`,
    variables: () => ({}),
  },
  {
    name: "wideAssociations",
    description: "the first 100 associations by name of the biggest département, each with its themes and its QPV presences (with the QPV)",
    kind: "read",
    relationLevels: 2,
    query: `query WideAssociations($department: String!) {
  associations(first: 100, filter: { departmentCodes: [$department] }) {
    edges { node { id name themes { code label } qpvs { presence qpv { code name } } } }
  }
}`,
    variables: (v) => ({ department: v.departmentCode }),
  },
  {
    name: "qpvAssociationsProjects",
    description: "the biggest QPV, its first 50 associations by name (and their total) and the first 10 projects of each (and their total): three levels",
    kind: "read",
    relationLevels: 2,
    query: `query QpvAssociationsProjects($qpv: String!) {
  qpv(code: $qpv) {
    code name
    associations(first: 50) {
      totalCount
      edges { node { id name projects(first: 10) { totalCount edges { node { id title status } } } } }
    }
  }
}`,
    variables: (v) => ({ qpv: v.qpvCode }),
  },
  {
    name: "updateAssociation",
    description: "updateAssociation (volunteers) with its version, as an administrator, on 2,000 associations in turn",
    kind: "write",
    relationLevels: 0,
    query: `mutation Update($input: UpdateAssociationInput!) {
  updateAssociation(input: $input) { association { id version volunteers } errors { code message } }
}`,
    variables: () => ({}),
  },
];

function DASHBOARD(scope: string, type: string): string {
  return `query Dashboard($scope: ${type}) {
  dashboard(scope: { ${scope} }) {
    scopeKind
    employerSizes { total none smallEmployer employer }
    federation { federated nonFederated nonFederatedSmallEmployers }
    projects { total residentsReached byStatus { status count } }
    participation { events eventsWithResidentCount residents }
    funding { amountEur count }
  }
}`;
}

/** The mix's "now", fixed so that runs compare: events after it are the upcoming ones. */
const NOW = "2026-11-26T00:00:00+01:00";

/** Picks the variables from the data, by the fixed rules above. */
export async function pickVariables(pool: Pool): Promise<BenchVariables> {
  const one = async (sql: string) => (await pool.query(sql)).rows[0];
  // With upcoming events in QPVs, so that the detail reads every level it asks for (the busiest association of all has none).
  const busiest = await one(`WITH upcoming AS (SELECT eo.organization_id FROM event_organizer eo JOIN participation_event ev ON ev.id = eo.event_id
      WHERE ev.starts_at > '${NOW}' AND ev.archived_at IS NULL AND NOT ev.draft AND ev.qpv_code IS NOT NULL
      GROUP BY eo.organization_id HAVING count(*) >= 3)
    SELECT pp.organization_id AS id, c.name AS commune FROM project_participant pp
    JOIN upcoming u ON u.organization_id = pp.organization_id
    JOIN organization o ON o.id = pp.organization_id AND o.kind = 'ASSOCIATION' AND o.grouping = 'SIMPLE'
    JOIN commune c ON c.insee_code = o.commune_insee_code
    GROUP BY pp.organization_id, c.name ORDER BY count(*) DESC, pp.organization_id LIMIT 1`);
  const qpv = await one(`SELECT qpv_code FROM organization_qpv WHERE presence IN ('BASED', 'ACTIVE')
    GROUP BY qpv_code ORDER BY count(*) DESC, qpv_code LIMIT 1`);
  const theme = await one(`SELECT ot.theme_code FROM organization_qpv oq JOIN organization_theme ot ON ot.organization_id = oq.organization_id
    WHERE oq.qpv_code = '${qpv.qpv_code}' AND oq.presence IN ('BASED', 'ACTIVE') GROUP BY ot.theme_code ORDER BY count(*) DESC, ot.theme_code LIMIT 1`);
  const department = await one(`SELECT c.department_code FROM organization o JOIN commune c ON c.insee_code = o.commune_insee_code
    WHERE o.kind = 'ASSOCIATION' GROUP BY c.department_code ORDER BY count(*) DESC, c.department_code LIMIT 1`);
  const network = await one(`SELECT m.network_id AS id FROM membership m WHERE m.left_on IS NULL AND m.archived_at IS NULL AND m.confirmed
    GROUP BY m.network_id ORDER BY count(*) DESC, m.network_id LIMIT 1`);
  const topic = await one(`SELECT o.name FROM organization o WHERE o.id = ${busiest.id}`);
  // A one-word commune name: hyphenated ones ("Saint-...", "...-en-France") share words with thousands of communes.
  const commune = await one(`SELECT c.name FROM organization o JOIN commune c ON c.insee_code = o.commune_insee_code
    WHERE c.department_code = '${department.department_code}' AND c.name ~ '^[[:alpha:]]+$'
    GROUP BY c.name ORDER BY count(*) DESC, c.name LIMIT 1`);
  const writes = (await pool.query(`SELECT id, version FROM organization WHERE kind = 'ASSOCIATION' ORDER BY id DESC LIMIT 2000`)).rows;
  // The generated names read "<head> <topic> <commune> <n>": search the topic's first word and the commune.
  const topicWord = String(topic.name).split(" ").slice(1).find((w) => w.length > 4) ?? "solidarité";
  return {
    associationId: toGlobalId("Association", busiest.id),
    associationKey: busiest.id,
    qpvCode: qpv.qpv_code,
    themeCode: theme.theme_code,
    departmentCode: department.department_code,
    networkId: toGlobalId("Association", network.id),
    networkKey: network.id,
    searchText: `${topicWord} ${commune.name}`,
    writeKeys: writes.map((r) => r.id),
    writeVersions: writes.map((r) => r.version),
    now: NOW,
  };
}
