/**
 * SQLite always; PostgreSQL too when a server is given (scripts/test.sh sets the variable when
 * one listens on 127.0.0.1:5432). Without it the test utilities would try to start Docker.
 */
export function testDatabaseIds(): Array<'SQLITE_3' | 'POSTGRES_15'> {
  return process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
}
