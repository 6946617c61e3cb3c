/**
 * Every GraphQL operation the explorer sends, named, in one place: a registered operation list
 * (strict mode, persisted queries) can be generated from this module. Anonymous reads of the
 * public API only; lists ask for at most 100 rows per page.
 */

export const SearchEverything = /* GraphQL */ `
  query SearchEverything($text: String!, $first: Int!) {
    search(text: $text, first: $first) {
      totalCount
      edges {
        kind
        score
        node {
          __typename
          ... on Association { id name commune { name } }
          ... on Partner { id name partnerType commune { name } }
          ... on CooperationProject { id title status }
          ... on ParticipationEvent { id title startsAt venueCommune: commune { name } }
          ... on GoodPractice { id title }
          ... on Qpv { id code name department { name } }
          ... on Commune { id inseeCode name department { name } }
        }
      }
    }
  }
`;

export const Regions = /* GraphQL */ `
  query Regions {
    regions(first: 100, orderBy: { field: NAME }) { edges { node { code name } } }
  }
`;

export const Departments = /* GraphQL */ `
  query Departments($regionCodes: [String!]) {
    departments(first: 100, filter: { regionCodes: $regionCodes }, orderBy: { field: CODE }) { edges { node { code name } } }
  }
`;

export const Epcis = /* GraphQL */ `
  query Epcis($departmentCodes: [String!]) {
    epcis(first: 100, filter: { departmentCodes: $departmentCodes }, orderBy: { field: NAME }) { edges { node { siren name } } }
  }
`;

export const CommunesWithQpv = /* GraphQL */ `
  query CommunesWithQpv($filter: CommuneFilter, $after: String) {
    communes(first: 100, after: $after, filter: $filter, orderBy: { field: NAME }) {
      edges { node { inseeCode name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const CommuneQpvs = /* GraphQL */ `
  query CommuneQpvs($inseeCode: String!) {
    commune(inseeCode: $inseeCode) { inseeCode name qpvs { code name } }
  }
`;

/** The ancestors of a commune, to fill the territory picker from an address naming the commune only. */
export const CommunePlace = /* GraphQL */ `
  query CommunePlace($inseeCode: String!) {
    commune(inseeCode: $inseeCode) { inseeCode epci { siren } department { code region { code } } }
  }
`;

/** The ancestors of a QPV, same use. */
export const QpvPlace = /* GraphQL */ `
  query QpvPlace($code: String!) {
    qpv(code: $code) { code communes { inseeCode epci { siren } department { code region { code } } } }
  }
`;

export const QpvRecord = /* GraphQL */ `
  query QpvRecord($code: String!) {
    qpv(code: $code) {
      id code name
      department { code name }
      communes { inseeCode name }
      associations(first: 100, orderBy: { field: NAME }) { totalCount edges { node { id name employerSize federated } } }
      projects(first: 50) { totalCount edges { node { id title status } } }
      events(first: 50, orderBy: { field: STARTS_AT, direction: DESC }) { totalCount edges { node { id title startsAt } } }
      neighbours(withinMeters: 1000) { distanceMeters qpv { code name } }
    }
  }
`;

const ORGANIZATION_IDENTITY = /* GraphQL */ `
  id name shortName address postalCode website siren siret
  commune { inseeCode name department { code name } }
  themes { code label }
  qpvs { presence qpv { code name } }
  networks { leftOn confirmed network { id name } }
  charterSignature { signedOn }
  projects(first: 50, orderBy: { field: START_DATE, direction: DESC }) {
    totalCount edges { node { id title status startDate endDate } }
  }
  events(first: 50, orderBy: { field: STARTS_AT, direction: DESC }) {
    totalCount edges { node { id title kind startsAt commune { name } } }
  }
`;

export const OrganizationRecord = /* GraphQL */ `
  query OrganizationRecord($id: ID!) {
    node(id: $id) {
      __typename
      ... on Association {
        ${ORGANIZATION_IDENTITY}
        rna purpose grouping createdOn dissolvedOn staffEtp volunteers members employerSize federated
        networkMembers(first: 100) { totalCount }
      }
      ... on Partner {
        ${ORGANIZATION_IDENTITY}
        partnerType
      }
    }
  }
`;

export const PartnerSuggestions = /* GraphQL */ `
  query PartnerSuggestions($organizationId: ID!) {
    partnerSuggestions(organizationId: $organizationId, first: 8) {
      score
      organization { __typename id name commune { name } }
      reasons { kind distanceMeters qpv { code name } theme { code label } }
    }
  }
`;

export const CooperationGraph = /* GraphQL */ `
  query CooperationGraph($roots: [ID!]!, $depth: Int!) {
    cooperationNetwork(roots: $roots, depth: $depth, maxNodes: 200) {
      nodes { depth degree organization { __typename id name commune { inseeCode name } ... on Partner { partnerType } } }
      edges { source target kinds weight lastActivityOn }
    }
  }
`;

export const ProjectRecord = /* GraphQL */ `
  query ProjectRecord($id: ID!) {
    project(id: $id) {
      id title summary status startDate endDate residentsReached
      qpvs { code name }
      themes { label }
      stakes { number title }
      participants { role organization { __typename id name } }
      fundings { amountEur year scheme funder { id name } }
    }
  }
`;

export const EventRecord = /* GraphQL */ `
  query EventRecord($id: ID!) {
    event(id: $id) {
      id title kind startsAt endsAt venueName venueAddress description accessibility
      commune { inseeCode name }
      qpv { code name }
      organizers { __typename id name }
      project { id title }
      attendance { residents associations total }
    }
  }
`;

export const GoodPracticeRecord = /* GraphQL */ `
  query GoodPracticeRecord($id: ID!) {
    node(id: $id) {
      ... on GoodPractice {
        id title summary body publishedOn
        organizations { __typename id name }
        qpvs { code name }
        stakes { number title }
      }
    }
  }
`;

export const Networks = /* GraphQL */ `
  query Networks {
    associations(first: 100, filter: { groupings: [FEDERATION, UNION] }, orderBy: { field: NAME }) {
      edges { node { id name } }
    }
  }
`;

export const NetworkMembers = /* GraphQL */ `
  query NetworkMembers($id: ID!) {
    node(id: $id) {
      ... on Association { id name networkMembers(first: 100) { edges { node { confirmed leftOn member { id } } } } }
    }
  }
`;

export const StakesDashboard = /* GraphQL */ `
  query StakesDashboard($scope: DashboardScope!, $period: DashboardPeriod) {
    dashboard(scope: $scope, period: $period) {
      scopeKind from to
      employerSizes { total none smallEmployer employer }
      federation { total federated nonFederated nonFederatedSmallEmployers }
      participation { events residents months { month events residents } }
      projects { total residentsReached byStatus { status count } byStake { stakeNumber title count proposals { number title projects goodPractices } } }
      cooperation { links partners associations weight byPartnerType { partnerType links partners } }
      charterSignatures(granularity: YEAR) { signed cumulative buckets { startsOn signed cumulative } }
    }
  }
`;

export const AssociationList = /* GraphQL */ `
  query AssociationList($filter: AssociationFilter, $after: String) {
    associations(first: 50, after: $after, filter: $filter, orderBy: { field: NAME }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name employerSize federated commune { name } } }
    }
  }
`;

export const PartnerList = /* GraphQL */ `
  query PartnerList($filter: PartnerFilter, $after: String) {
    partners(first: 50, after: $after, filter: $filter, orderBy: { field: NAME }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name partnerType commune { name } } }
    }
  }
`;

export const ProjectList = /* GraphQL */ `
  query ProjectList($filter: ProjectFilter, $after: String) {
    projects(first: 50, after: $after, filter: $filter, orderBy: { field: TITLE }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title status startDate stakes { number } } }
    }
  }
`;

export const EventList = /* GraphQL */ `
  query EventList($filter: EventFilter, $after: String) {
    events(first: 50, after: $after, filter: $filter, orderBy: { field: STARTS_AT }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title kind startsAt commune { name } attendance { residents } } }
    }
  }
`;

export const CharterSignatureList = /* GraphQL */ `
  query CharterSignatureList($filter: CharterSignatureFilter, $after: String) {
    charterSignatures(first: 50, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id signedOn organization { __typename id name } commune { name } } }
    }
  }
`;

/** "Is this address in a QPV?": the address found, the QPV containing it, the nearest ones (with contours, to draw them). */
export const AddressQpv = /* GraphQL */ `
  query AddressQpv($address: String!) {
    addressQpv(address: $address) {
      address { label score precision location { latitude longitude } }
      qpv { code name geometry }
      nearestQpvs(first: 3, withinMeters: 2000) { distanceMeters qpv { code name geometry } }
    }
  }
`;

/** A network head's name (member list and network dashboard headings). */
export const NetworkHead = /* GraphQL */ `
  query NetworkHead($id: ID!) {
    node(id: $id) { __typename ... on Association { id name } }
  }
`;

/** How many current members a network has: the total of its member list below. */
export const NetworkMemberCount = /* GraphQL */ `
  query NetworkMemberCount($networkId: ID!) {
    associations(first: 1, filter: { networkIds: [$networkId] }) { totalCount }
  }
`;

/** A network's current members with what a federation follows of each (see the fields' descriptions in the schema). */
export const NetworkMemberList = /* GraphQL */ `
  query NetworkMemberList($networkId: ID!, $after: String, $direction: OrderDirection!) {
    associations(first: 50, after: $after, filter: { networkIds: [$networkId] }, orderBy: { field: NAME, direction: $direction }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node {
        id name employerSize commune { name }
        qpvs { qpv { code name } }
        projects(first: 1) { totalCount }
        residentsReached lastActivityOn
        charterSignature { signedOn }
      } }
    }
  }
`;

/**
 * The names behind a list filter's codes and ids, in one request (the list page shows its filter as
 * readable criteria): régions with their départements, EPCI, communes, QPVs, themes, and the
 * organisations and projects named by id. Each part is asked only when the filter has such criteria.
 */
export const FilterNames = /* GraphQL */ `
  query FilterNames(
    $withRegions: Boolean!, $withEpcis: Boolean!, $epciSirens: [String!], $withCommunes: Boolean!, $communeInseeCodes: [String!],
    $withQpvs: Boolean!, $qpvCodes: [String!], $withThemes: Boolean!, $ids: [ID!]!
  ) {
    regions(first: 100) @include(if: $withRegions) { edges { node { code name departments { code name } } } }
    epcis(first: 100, filter: { epciSirens: $epciSirens }) @include(if: $withEpcis) { edges { node { siren name } } }
    communes(first: 100, filter: { communeInseeCodes: $communeInseeCodes }) @include(if: $withCommunes) { edges { node { inseeCode name } } }
    qpvs(first: 100, filter: { qpvCodes: $qpvCodes }) @include(if: $withQpvs) { edges { node { code name } } }
    themes @include(if: $withThemes) { code label }
    nodes(ids: $ids) {
      __typename
      ... on Association { id name }
      ... on Partner { id name }
      ... on CooperationProject { id title }
    }
  }
`;
