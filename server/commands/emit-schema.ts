import { emitSchemaFile, SDL_PATH } from "../build-schema";
import { emitSubgraphSdlFile, SUBGRAPH_SDL_PATH } from "../federation/subgraph-schema";

/** `npm run schema:emit`: writes schema/schema.graphql and the federation subgraph's schema/subgraph.graphql from the code. */
async function emit(): Promise<void> {
  for (const [file, write] of [[SDL_PATH, emitSchemaFile], [SUBGRAPH_SDL_PATH, emitSubgraphSdlFile]] as const) {
    console.log((await write()) ? `wrote ${file}` : `${file} is current`);
  }
}

emit().catch((error) => {
  console.error(error);
  process.exit(1);
});
