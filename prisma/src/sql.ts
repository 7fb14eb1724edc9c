/** The minimum raw SQL surface the migrator, the callback queue and the event bus need, on PGlite or PostgreSQL. */
export interface SqlConnection {
  /** Runs SQL that may hold several statements and takes no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface SqlDriver extends SqlConnection {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlConnection) => Promise<T>): Promise<T>;
}
