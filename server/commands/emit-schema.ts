import { emitSchemaFile, SDL_PATH } from "../build-schema";

/** `npm run schema:emit`: writes schema/schema.graphql from the code. */
emitSchemaFile()
  .then((changed) => console.log(changed ? `wrote ${SDL_PATH}` : `${SDL_PATH} is current`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
