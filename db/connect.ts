import path from "node:path";
import { setImmediate } from "node:timers/promises";
import fs from "node:fs";
import SQLite from "better-sqlite3";
import pg from "pg";
import Cursor from "pg-cursor";
import crypto from "node:crypto";
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, SqliteDriver, type Compilable, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";
import type { Database } from "./schema";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The URL with any password removed, safe for logs and error messages. */
  displayUrl: string;
}

/**
 * `file:path` (relative to the working directory) or `file::memory:` → SQLite;
 * `postgres://` or `postgresql://` → PostgreSQL.
 */
export function dialectOf(url: string): Dialect {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgres";
  throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${redactUrl(url)}")`);
}

export interface CreateDbOptions {
  poolSize?: number;
  /** Told when an idle PostgreSQL connection breaks (a restart, a failover); the pool reconnects. */
  onConnectionError?: (error: Error) => void;
}

export function createDb(url: string, options: CreateDbOptions = {}): DatabaseHandle {
  const dialect = dialectOf(url);
  const displayUrl = redactUrl(url);
  if (dialect === "sqlite") {
    const file = url.slice("file:".length);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const database = new SQLite(file);
    // WAL lets readers run while one writer commits; the busy timeout makes a second process
    // (a CLI script beside the server) wait for the lock instead of failing at once.
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    // Without statistics SQLite's planner sorts every open case for a queue page instead of walking
    // the deadline index (docs/BENCHMARKS.md, finding 1); this gathers them where they are missing or
    // stale, as SQLite advises for long-lived connections, and costs little when they are fresh.
    database.pragma("optimize = 0x10002");
    return { db: new Kysely<Database>({ dialect: new SqliteDialectWithDriver({ database }, ImmediateSqliteDriver) }), dialect, displayUrl };
  }
  // Timestamps are stored as int8 milliseconds (docs/decisions/0003); pg returns int8 as a
  // string by default to protect values beyond 2^53, which epoch milliseconds never reach.
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === pg.types.builtins.INT8
        ? (value: string) => Number(value)
        : oid === pg.types.builtins.NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format),
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, Client: PreparingClient });
  // Without a listener, a broken idle connection is an uncaught error that would stop the node.
  pool.on("error", options.onConnectionError ?? ((error) => console.error(`Database connection lost: ${error.message}`)));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: cursorParsingWith(types) }) }), dialect, displayUrl };
}

/** What marks a statement's text for `PreparingClient`; it shows in pg_stat_statements and logs too. */
const preparedMark = "/* prepared */ ";
/**
 * How many marked texts one connection keeps prepared: a dynamic text marked by mistake (an IN list
 * of varying length) must not grow a backend's memory without end. Past it a text runs unnamed.
 */
const preparedPerConnection = 64;

/**
 * A query to run as a named prepared statement on PostgreSQL, for the few statements a hot path
 * repeats with the same text: each connection parses it once and, once PostgreSQL finds a generic
 * plan no dearer than the custom ones (after five runs), plans it no more, where an unnamed statement
 * is parsed and planned on every run (decision 0023). Only for statements whose best plan does not
 * hang on their values, since a generic plan ignores them. On SQLite only the comment is added.
 *
 * The mark travels in the text because the build's copy of this module and the server's (which
 * opens the pool) are two module instances: a registry in one is empty in the other.
 */
export function preparedStatement<Row>(query: Compilable<Row>): CompiledQuery<Row> {
  const compiled = query.compile();
  return { ...compiled, sql: preparedMark + compiled.sql };
}

/** A text's statement name: the same on every connection, and never the same for two texts. */
function statementName(text: string): string {
  return `prongsai_${crypto.createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
}

/**
 * The pool's client. Kysely sends every statement as `query(text, values)`; a text marked by
 * `preparedStatement` goes as a named statement instead, which pg parses on the connection only
 * the first time.
 */
class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  // pg's overloads cannot be restated one by one; Kysely's call is the two-argument one.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    let call = args;
    if (typeof text === "string" && args.length === 2 && text.startsWith(preparedMark) && (this.#prepared.has(text) || this.#prepared.size < preparedPerConnection)) {
      this.#prepared.add(text);
      call = [{ name: statementName(text), text, values }];
    }
    return (super.query as (...callArgs: unknown[]) => never)(...call);
  }
}

/** Connections of the reports' own PostgreSQL pool: /statistics queues thirty reports on it, so they take turns. */
const reportPoolSize = 2;

/**
 * What the reports read through, apart from the connections every request needs: on SQLite a
 * read-only connection (below), on PostgreSQL a small pool of its own. The thirty reports of the
 * public /statistics, run together on the app's pool of ten, held every connection for the three
 * seconds they took at 10⁵ cases: a read of the app waited 0.6 s on average for one (five answered in
 * three seconds, `npm run bench -- --only report`). Null where no second handle can be opened (an
 * in-memory SQLite database): the reports then share the app's.
 */
export function createReportReader(url: string, options: Pick<CreateDbOptions, "onConnectionError"> = {}): Kysely<Database> | null {
  if (dialectOf(url) === "postgres") return createDb(url, { poolSize: reportPoolSize, onConnectionError: options.onConnectionError }).db;
  return createSqliteReader(url);
}

/**
 * A second, read-only SQLite connection to the same file, for the long reads of the reports.
 * SQLite serves one statement at a time per connection, and a fiscal-year report's pass over the
 * year's cases holds its connection from the first row to the last — seconds at 10⁵ cases, a
 * minute of /statistics at 10⁶ — so on the one connection of the app every other request (a filing,
 * a tracking lookup, a queue page) waited for it. WAL lets this reader run beside the writer, and
 * it sees what was committed when each statement began. Null for an in-memory database, which a
 * second connection cannot open: its reports share the one connection.
 */
function createSqliteReader(url: string): Kysely<Database> | null {
  const file = url.slice("file:".length);
  if (file === ":memory:") return null;
  const database = new SQLite(file, { readonly: true, fileMustExist: true });
  database.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialectWithDriver({ database }, TurnTakingSqliteDriver) });
}

/**
 * A statement on better-sqlite3 runs synchronously, and Kysely hands the connection to the next
 * waiting statement in a microtask: the thirty reports of /statistics, queued on the reader, ran
 * their short statements back to back for 1.9 s at 10⁵ cases without the event loop turning once.
 * The reader's driver lets it turn each time a statement takes the connection.
 */
class TurnTakingSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    await setImmediate();
    return connection;
  }
}

/** Kysely's SQLite dialect with a driver of ours (`ImmediateSqliteDriver`, `TurnTakingSqliteDriver`). */
class SqliteDialectWithDriver extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #driver: new (config: SqliteDialectConfig) => SqliteDriver;
  constructor(config: SqliteDialectConfig, driver: new (config: SqliteDialectConfig) => SqliteDriver) {
    super(config);
    this.#config = config;
    this.#driver = driver;
  }
  override createDriver(): Driver {
    return new this.#driver(this.#config);
  }
}

/**
 * What Kysely's `stream()` reads through on PostgreSQL (the report's case pass: rows a chunk at a
 * time, so memory does not grow with the year's cases). A cursor parses its rows with its own type
 * parsers, not the pool's, so it is handed the same ones: a timestamp is a number either way.
 */
function cursorParsingWith(types: pg.CustomTypesConfig) {
  return class extends Cursor {
    constructor(text: string, values?: unknown[]) {
      super(text, values, { types });
    }
  };
}

/**
 * Planner statistics for a long-lived connection: what SQLite's documentation asks of an
 * application that keeps its database open, besides `optimize = 0x10002` at open — a plain
 * `PRAGMA optimize` now and then, which re-analyzes only the tables whose size has changed a lot
 * since the last statistics (the queue's plan depends on them, docs/BENCHMARKS.md finding 1), and
 * costs next to nothing otherwise. Nothing on PostgreSQL: autovacuum analyzes there.
 */
export async function optimizeDatabase(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  if (dialect === "sqlite") await sql`pragma optimize`.execute(db);
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE). A deferred
 * transaction reads first and asks for the lock at its first write; if another process (the
 * server beside `npm run sla:sweep`, a test beside the server) committed in between, SQLite answers
 * "database is locked" at once — the busy timeout cannot help a reader that must upgrade. Taking
 * the lock up front makes the second writer wait its turn instead. Our transactions all write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}


export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
