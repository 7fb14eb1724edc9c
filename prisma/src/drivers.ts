import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import type { SqlConnection, SqlDriver } from "./sql.js";

/** Raw SQL over an in-process PGlite instance. */
export function pgliteDriver(db: PGlite): SqlDriver {
  const wrap = (conn: PGlite | Transaction): SqlConnection => ({
    async exec(sql) {
      await conn.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await conn.query<Row>(sql, params)).rows;
    },
  });
  return { ...wrap(db), transaction: (work) => db.transaction((tx) => work(wrap(tx))) };
}

/** Raw SQL over a PostgreSQL connection pool; each transaction holds one pooled connection. */
export function pgDriver(pool: pg.Pool): SqlDriver {
  const wrap = (conn: pg.Pool | pg.PoolClient): SqlConnection => ({
    async exec(sql) {
      await conn.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await conn.query(sql, params)).rows as Row[];
    },
  });
  return {
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
