//! Test support: run the same test against SQLite and, when `DOSSIER_TEST_POSTGRES` names a
//! server (`postgres://user@host:port/db`), against PostgreSQL too, each test in a schema of
//! its own that is dropped afterwards.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{Result, Store};

/// The environment variable naming the PostgreSQL server for tests.
pub const ENV: &str = "DOSSIER_TEST_POSTGRES";

/// A private PostgreSQL schema for one test; dropped with this value.
pub struct PgSchema {
    base: String,
    schema: String,
    /// The `--db` location that opens this schema.
    pub location: String,
}

static SEQ: AtomicUsize = AtomicUsize::new(0);

impl PgSchema {
    /// A fresh schema on the test server, or `None` (with a note on stderr) when
    /// `DOSSIER_TEST_POSTGRES` is not set.
    pub fn new(test: &str) -> Result<Option<Self>> {
        let Ok(base) = std::env::var(ENV) else {
            eprintln!("note: {ENV} is not set; {test}: PostgreSQL part skipped (SQLite only)");
            return Ok(None);
        };
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        let schema = format!("t_{}_{}_{nanos}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed));
        let mut client = postgres::Client::connect(&base, postgres::NoTls)
            .map_err(|e| crate::Error::Connect { url: base.clone(), source: Box::new(e) })?;
        client.batch_execute(&format!("CREATE SCHEMA {schema}")).map_err(|e| crate::Error::Postgres(Box::new(e)))?;
        let sep = if base.contains('?') { '&' } else { '?' };
        let location = format!("{base}{sep}options=-c%20search_path%3D{schema}");
        Ok(Some(Self { base, schema, location }))
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// One empty store per backend under test: SQLite in memory, then PostgreSQL if configured.
/// Keep the returned guard alive while the store is used.
pub fn stores(test: &str) -> Result<Vec<(Store, Option<PgSchema>)>> {
    let mut out = vec![(Store::open_in_memory()?, None)];
    if let Some(pg) = PgSchema::new(test)? {
        out.push((Store::connect(&pg.location)?, Some(pg)));
    }
    Ok(out)
}
