import "reflect-metadata";
import { startApp } from "./app";
import { loadConfig } from "./config";

/** Entry point: `npm start`. SIGINT/SIGTERM stop the server, then close the database cleanly. */
async function main(): Promise<void> {
  const app = await startApp(loadConfig());
  const shutdown = (signal: string) => {
    console.log(JSON.stringify({ level: "info", msg: "shutting down", signal }));
    app.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(JSON.stringify({ level: "fatal", msg: "start-up failed", error: error instanceof Error ? error.stack : String(error) }));
  process.exit(1);
});
