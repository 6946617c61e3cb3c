import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/** The explorer: a static client of the public API, built into dist/explorer and served by the server at /. */
const api = process.env.MAILLAGE_API ?? "http://127.0.0.1:4000";
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../dist/explorer", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
  // `npx vite --config explorer/vite.config.mts` serves the sources against a running API.
  server: { proxy: { "/graphql": api, "/exports": api, "/explorer-config.json": api } },
});
