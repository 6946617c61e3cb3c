import { TestServer } from "./test-server";

/** How to read one list: its arguments after `first`/`after`, their variables, the page size. */
export interface ReadOptions {
  /** More arguments of the field, written after `after: $after`, e.g. `, filter: $filter`. */
  args?: string;
  /** Declarations of the variables `args` uses, e.g. `, $filter: AssociationFilter`. */
  variableDefinitions?: string;
  variables?: Record<string, unknown>;
  first?: number;
}

/**
 * Reads a whole top-level list page by page, as a client would, following `endCursor`; checks that
 * no page has errors and that the pages hold exactly `totalCount` items.
 */
export async function readAllPages<T>(server: TestServer, field: string, selection: string, options: ReadOptions = {}): Promise<{ nodes: T[]; totalCount: number }> {
  const { args = "", variableDefinitions = "", variables = {}, first = 100 } = options;
  const nodes: T[] = [];
  let after: string | null = null;
  let totalCount = -1;
  do {
    const { data, errors } = await server.post(
      `query ($after: String${variableDefinitions}) { list: ${field}(first: ${first}, after: $after${args}) {
        totalCount edges { node { ${selection} } } pageInfo { hasNextPage endCursor } } }`,
      { ...variables, after },
    );
    expect(errors).toBeUndefined();
    totalCount = data.list.totalCount;
    nodes.push(...data.list.edges.map((e: { node: T }) => e.node));
    after = data.list.pageInfo.hasNextPage ? data.list.pageInfo.endCursor : null;
  } while (after);
  expect(nodes).toHaveLength(totalCount);
  return { nodes, totalCount };
}
