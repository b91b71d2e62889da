//! The two backends behind one small interface: SQLite (rusqlite, bundled) and PostgreSQL
//! (the sync `postgres` client). Store code writes SQL once with `?N` placeholders in the
//! common subset of both dialects (`RETURNING`, `ON CONFLICT`, `NULLS FIRST`, `CAST`); the
//! few places that differ (full-text search, case-insensitive names, integrity checks) ask
//! [`Db::backend`]. Values are bound as parameters, never spliced into SQL text.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::{Error, Result};

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A bound parameter (borrowed, so binding a document's text copies nothing).
#[derive(Debug, Clone, Copy)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}
impl From<&i64> for Param<'_> {
    fn from(v: &i64) -> Self {
        Param::Int(*v)
    }
}
impl From<u32> for Param<'_> {
    fn from(v: u32) -> Self {
        Param::Int(i64::from(v))
    }
}
impl From<bool> for Param<'_> {
    fn from(v: bool) -> Self {
        Param::Int(i64::from(v))
    }
}
impl From<f64> for Param<'_> {
    fn from(v: f64) -> Self {
        Param::Real(v)
    }
}
impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<&'a &'a str> for Param<'a> {
    fn from(v: &'a &'a str) -> Self {
        Param::Text(v)
    }
}
impl<'a, T> From<Option<T>> for Param<'a>
where
    T: Into<Param<'a>>,
{
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}
impl<'a> From<&'a Option<String>> for Param<'a> {
    fn from(v: &'a Option<String>) -> Self {
        v.as_deref().map_or(Param::Null, Param::Text)
    }
}

/// Parameters for [`Db`] calls: `p![a, b, c]`.
#[macro_export]
macro_rules! p {
    () => { &[] as &[$crate::db::Param<'_>] };
    ($($x:expr),+ $(,)?) => { &[$($crate::db::Param::from($x)),+] as &[$crate::db::Param<'_>] };
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value as V, ValueRef};
        Ok(match *self {
            Param::Null => ToSqlOutput::Owned(V::Null),
            Param::Int(i) => ToSqlOutput::Owned(V::Integer(i)),
            Param::Real(f) => ToSqlOutput::Owned(V::Real(f)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl postgres::types::ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
        use postgres::types::{IsNull, Type};
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                Type::FLOAT8 => (i as f64).to_sql(ty, out),
                _ => i.to_string().to_sql(ty, out),
            },
            Param::Real(f) => match *ty {
                Type::FLOAT4 => (f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().to_sql(ty, out),
            },
            Param::Text(s) => s.to_sql(ty, out),
        }
    }
    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
    postgres::types::to_sql_checked!();
}

/// The type of a column filled by [`Db::insert_rows`].
#[derive(Debug, Clone, Copy)]
pub enum Col {
    Int,
    Text,
}

impl Col {
    fn pg(self) -> &'static str {
        match self {
            Col::Int => "bigint",
            Col::Text => "text",
        }
    }
}

/// One field of a row for [`Db::insert_rows`]: borrowed where the data lives long enough,
/// owned where it is computed (a serialized list, a chosen name).
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Null,
    Int(i64),
    Text(Cow<'a, str>),
}

impl From<i64> for Field<'_> {
    fn from(v: i64) -> Self {
        Field::Int(v)
    }
}
impl From<u32> for Field<'_> {
    fn from(v: u32) -> Self {
        Field::Int(i64::from(v))
    }
}
impl From<bool> for Field<'_> {
    fn from(v: bool) -> Self {
        Field::Int(i64::from(v))
    }
}
impl<'a> From<&'a str> for Field<'a> {
    fn from(v: &'a str) -> Self {
        Field::Text(Cow::Borrowed(v))
    }
}
impl<'a> From<&'a String> for Field<'a> {
    fn from(v: &'a String) -> Self {
        Field::Text(Cow::Borrowed(v))
    }
}
impl From<String> for Field<'_> {
    fn from(v: String) -> Self {
        Field::Text(Cow::Owned(v))
    }
}
impl<'a, T: Into<Field<'a>>> From<Option<T>> for Field<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Field::Null, Into::into)
    }
}

impl serde::Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Field::Null => s.serialize_unit(),
            Field::Int(v) => s.serialize_i64(*v),
            Field::Text(t) => s.serialize_str(t),
        }
    }
}

/// Rows of one width for [`Db::insert_rows`], stored flat, row after row.
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    width: usize,
    fields: Vec<Field<'a>>,
}

impl<'a> Rows<'a> {
    pub fn new(width: usize) -> Self {
        Self { width: width.max(1), fields: Vec::new() }
    }

    /// Room for `rows` rows up front: a table written whole grows its buffer once, not by
    /// doubling (each doubling copies the rows and touches fresh memory).
    pub fn with_capacity(width: usize, rows: usize) -> Self {
        let width = width.max(1);
        Self { width, fields: Vec::with_capacity(width.saturating_mul(rows)) }
    }

    /// Appends one row; its length must be the width given to [`Rows::new`].
    pub fn push<const N: usize>(&mut self, row: [Field<'a>; N]) {
        assert_eq!(N, self.width, "row of {N} fields in rows of width {}", self.width);
        self.fields.extend(row);
    }

    pub fn len(&self) -> usize {
        self.fields.len() / self.width
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn iter(&self) -> std::slice::ChunksExact<'_, Field<'a>> {
        self.fields.chunks_exact(self.width)
    }

    /// Keeps the rows for which `keep` holds, in order.
    pub fn retain(&mut self, keep: impl FnMut(&[Field<'a>]) -> bool) {
        let kept: Vec<bool> = self.iter().map(keep).collect();
        let width = self.width;
        let mut i = 0;
        self.fields.retain(|_| {
            i += 1;
            kept[(i - 1) / width]
        });
    }
}

/// Rows serialized as a JSON array of arrays (PostgreSQL's bulk insert input).
struct JsonRows<'r, 'a>(&'r [Field<'a>], usize);

impl serde::Serialize for JsonRows<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len() / self.1))?;
        for row in self.0.chunks_exact(self.1) {
            seq.serialize_element(row)?;
        }
        seq.end()
    }
}

/// A column value of a result row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// Conversion of a column value (`row.get::<T>(i)`).
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}
impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}
impl FromValue for u32 {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).and_then(|i| u32::try_from(i).ok())
    }
}
impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).map(|i| i != 0)
    }
}
impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Real(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}
impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// One result row.
#[derive(Debug, Clone)]
pub struct Row(Vec<Value>);

impl Row {
    /// Column `i` as `T`; a missing column or a value of another type is an error.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        let v = self.0.get(i).ok_or_else(|| Error::Invalid(format!("no column {i} in result")))?;
        T::from_value(v).ok_or_else(|| {
            Error::Invalid(format!("column {i}: unexpected value {v:?} for {}", std::any::type_name::<T>()))
        })
    }
    /// Column `i` moved out as text (large texts without a copy).
    pub fn take_text(&mut self, i: usize) -> Result<String> {
        match self.0.get_mut(i).map(|v| std::mem::replace(v, Value::Null)) {
            Some(Value::Text(s)) => Ok(s),
            other => Err(Error::Invalid(format!("column {i}: expected text, found {other:?}"))),
        }
    }
    /// Column `i` moved out as text or NULL.
    pub fn take_opt_text(&mut self, i: usize) -> Result<Option<String>> {
        match self.0.get_mut(i).map(|v| std::mem::replace(v, Value::Null)) {
            Some(Value::Text(s)) => Ok(Some(s)),
            Some(Value::Null) => Ok(None),
            other => Err(Error::Invalid(format!("column {i}: expected text or null, found {other:?}"))),
        }
    }
}

enum Conn {
    Sqlite(rusqlite::Connection),
    Pg(Box<RefCell<PgConn>>),
}

struct PgConn {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

/// A database connection (SQLite file or PostgreSQL server).
pub struct Db {
    conn: Conn,
    /// Open transaction depth (only one level is used).
    in_tx: Cell<bool>,
}

/// Binds `fields` to the parameters `?1`, `?2`, ... of a SQLite statement.
/// Rows per statement of [`Db::insert_rows`] on SQLite.
const SQLITE_ROWS_PER_INSERT: usize = 32;
/// Bound parameters per SQLite statement (its default limit is 32,766).
const SQLITE_MAX_PARAMS: usize = 32_000;

fn bind_fields(st: &mut rusqlite::Statement<'_>, fields: &[Field<'_>]) -> Result<()> {
    for (i, field) in fields.iter().enumerate() {
        match field {
            Field::Null => st.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
            Field::Int(v) => st.raw_bind_parameter(i + 1, *v)?,
            Field::Text(t) => st.raw_bind_parameter(i + 1, t.as_ref())?,
        }
    }
    Ok(())
}

fn pg_err(e: postgres::Error) -> Error {
    Error::Postgres(Box::new(e))
}

/// `?N` placeholders as PostgreSQL's `$N` (the SQL texts here have no `?` in literals).
fn pg_sql(sql: &str) -> String {
    sql.replace('?', "$")
}

fn sqlite_value(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
    }
}

fn pg_row(row: &postgres::Row) -> Result<Row> {
    use postgres::types::Type;
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i).map(|v| v.map(Value::Int))
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i).map(|v| v.map(|x| Value::Int(x.into())))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i).map(|v| v.map(|x| Value::Int(x.into())))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i).map(|v| v.map(|x| Value::Int(x.into())))
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i).map(|v| v.map(Value::Real))
        } else if *ty == Type::FLOAT4 {
            row.try_get::<_, Option<f32>>(i).map(|v| v.map(|x| Value::Real(x.into())))
        } else {
            row.try_get::<_, Option<String>>(i).map(|v| v.map(Value::Text))
        };
        out.push(v.map_err(pg_err)?.unwrap_or(Value::Null));
    }
    Ok(Row(out))
}

impl Db {
    pub(crate) fn sqlite(conn: rusqlite::Connection) -> Self {
        conn.set_prepared_statement_cache_capacity(64);
        Self { conn: Conn::Sqlite(conn), in_tx: Cell::new(false) }
    }

    pub(crate) fn postgres(client: postgres::Client) -> Self {
        Self {
            conn: Conn::Pg(Box::new(RefCell::new(PgConn { client, statements: HashMap::new() }))),
            in_tx: Cell::new(false),
        }
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Pg(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, when that is the backend.
    pub fn sqlite_conn(&self) -> Option<&rusqlite::Connection> {
        match &self.conn {
            Conn::Sqlite(c) => Some(c),
            Conn::Pg(_) => None,
        }
    }

    /// A cached prepared statement on SQLite (the bulk paths bind and step it themselves).
    fn sqlite_statement(&self, sql: &str) -> Result<rusqlite::CachedStatement<'_>> {
        match &self.conn {
            Conn::Sqlite(c) => Ok(c.prepare_cached(sql)?),
            Conn::Pg(_) => Err(Error::Invalid("a SQLite statement on a PostgreSQL connection".into())),
        }
    }

    fn pg_statement(pg: &mut PgConn, sql: &str) -> Result<postgres::Statement> {
        if let Some(st) = pg.statements.get(sql) {
            return Ok(st.clone());
        }
        let st = pg.client.prepare(&pg_sql(sql)).map_err(pg_err)?;
        pg.statements.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    /// Runs one statement; the number of rows changed.
    pub fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        match &self.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                Ok(st.execute(rusqlite::params_from_iter(params.iter()))? as u64)
            }
            Conn::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let st = Self::pg_statement(&mut pg, sql)?;
                let args: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as &(dyn postgres::types::ToSql + Sync)).collect();
                pg.client.execute(&st, &args).map_err(pg_err)
            }
        }
    }

    /// Inserts one row and returns its `id`: `sql` is an `INSERT` without `RETURNING`. SQLite
    /// reads the new rowid from the connection (no result row to build); PostgreSQL appends
    /// `RETURNING id`.
    pub fn insert_id(&self, sql: &str, params: &[Param<'_>]) -> Result<i64> {
        match &self.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                st.execute(rusqlite::params_from_iter(params.iter()))?;
                Ok(c.last_insert_rowid())
            }
            Conn::Pg(_) => self.query_value(&format!("{sql} RETURNING id"), params),
        }
    }

    /// Hands every row of a query to `f` as it is read (SQLite: without collecting the
    /// result first; PostgreSQL's client returns it whole). For large scans.
    pub fn query_each(&self, sql: &str, params: &[Param<'_>], mut f: impl FnMut(Row) -> Result<()>) -> Result<()> {
        match &self.conn {
            Conn::Sqlite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let n = st.column_count();
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                while let Some(r) = rows.next()? {
                    let mut v = Vec::with_capacity(n);
                    for i in 0..n {
                        v.push(sqlite_value(r.get_ref(i)?));
                    }
                    f(Row(v))?;
                }
                Ok(())
            }
            Conn::Pg(_) => {
                for r in self.query(sql, params)? {
                    f(r)?;
                }
                Ok(())
            }
        }
    }

    /// Every row of a query.
    pub fn query(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>> {
        match &self.conn {
            Conn::Sqlite(_) => {
                let mut out = Vec::new();
                self.query_each(sql, params, |r| {
                    out.push(r);
                    Ok(())
                })?;
                Ok(out)
            }
            Conn::Pg(pg) => {
                let mut pg = pg.borrow_mut();
                let st = Self::pg_statement(&mut pg, sql)?;
                let args: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    params.iter().map(|p| p as &(dyn postgres::types::ToSql + Sync)).collect();
                let rows = pg.client.query(&st, &args).map_err(pg_err)?;
                rows.iter().map(pg_row).collect()
            }
        }
    }

    /// The first row, if any.
    pub fn query_opt(&self, sql: &str, params: &[Param<'_>]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first column of the first row; an empty result is an error.
    pub fn query_value<T: FromValue>(&self, sql: &str, params: &[Param<'_>]) -> Result<T> {
        match self.query_opt(sql, params)? {
            Some(r) => r.get(0),
            None => Err(Error::Invalid(format!("no row from {sql}"))),
        }
    }

    /// Inserts many rows (each a JSON array of column values). PostgreSQL: one statement per
    /// 5,000 rows, which travel as one JSON array parameter (`json_array_elements`), saving a
    /// round trip per row. SQLite: one cached prepared statement per row, which is faster
    /// there than `json_each` (that parses each row again for every column). `tail` follows
    /// the `VALUES`/`SELECT` (`ON CONFLICT DO NOTHING`).
    pub fn insert_rows(&self, table: &str, cols: &[(&str, Col)], rows: &Rows<'_>, tail: &str) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        if cols.len() != rows.width {
            return Err(Error::Invalid(format!("{table}: {} columns for rows of {} fields", cols.len(), rows.width)));
        }
        let names: Vec<&str> = cols.iter().map(|c| c.0).collect();
        match self.backend() {
            Backend::Sqlite => {
                // Rows go `SQLITE_ROWS_PER_INSERT` at a time through one cached multi-row
                // statement: SQLite's cost per statement (opening a cursor per index,
                // finishing the statement) is paid once per group, not once per row. The
                // remainder goes one row at a time.
                let one = format!("({})", vec!["?"; cols.len()].join(","));
                let insert = |n: usize| {
                    format!(
                        "INSERT INTO {table} ({}) VALUES {} {tail}",
                        names.join(", "),
                        vec![one.as_str(); n].join(",")
                    )
                };
                let group = SQLITE_ROWS_PER_INSERT.min((SQLITE_MAX_PARAMS / cols.len()).max(1));
                let mut groups = rows.fields.chunks_exact(group * rows.width);
                if groups.len() > 0 {
                    let mut st = self.sqlite_statement(&insert(group))?;
                    for chunk in groups.by_ref() {
                        bind_fields(&mut st, chunk)?;
                        st.raw_execute()?;
                    }
                }
                let rest = groups.remainder();
                if !rest.is_empty() {
                    let mut st = self.sqlite_statement(&insert(1))?;
                    for row in rest.chunks_exact(rows.width) {
                        bind_fields(&mut st, row)?;
                        st.raw_execute()?;
                    }
                }
            }
            Backend::Postgres => {
                let sel: Vec<String> =
                    cols.iter().enumerate().map(|(i, (_, t))| format!("(e ->> {i})::{}", t.pg())).collect();
                let sql = format!(
                    "INSERT INTO {table} ({}) SELECT {} FROM json_array_elements(?1::json) AS e {tail}",
                    names.join(", "),
                    sel.join(", ")
                );
                for chunk in rows.fields.chunks(5000 * rows.width) {
                    self.execute(&sql, p![&serde_json::to_string(&JsonRows(chunk, rows.width))?])?;
                }
            }
        }
        Ok(())
    }

    /// SQLite: inserts many rows with as few statements as the parameter limit allows (one
    /// multi-row `VALUES` per 32,000 parameters), for tables that pay per statement: FTS5
    /// flushes its pending index at the start of every statement once it is part of the
    /// transaction. Rows are bound as they are (no JSON round trip of large texts).
    pub fn insert_values(&self, table: &str, cols: &[&str], rows: &Rows<'_>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        if cols.len() != rows.width {
            return Err(Error::Invalid(format!("{table}: {} columns for rows of {} fields", cols.len(), rows.width)));
        }
        let Conn::Sqlite(c) = &self.conn else {
            return Err(Error::Invalid("insert_values is for SQLite".into()));
        };
        let per_statement = (SQLITE_MAX_PARAMS / rows.width).max(1);
        let one = format!("({})", vec!["?"; rows.width].join(","));
        for chunk in rows.fields.chunks(per_statement * rows.width) {
            let n = chunk.len() / rows.width;
            let sql = format!("INSERT INTO {table} ({}) VALUES {}", cols.join(", "), vec![one.as_str(); n].join(","));
            let mut st = c.prepare(&sql)?;
            bind_fields(&mut st, chunk)?;
            st.raw_execute()?;
        }
        Ok(())
    }

    /// `UPDATE table SET column = v WHERE id = k` for many `(k, v)` integer pairs (PostgreSQL:
    /// one statement per 5,000 pairs; SQLite: a prepared statement per pair).
    pub fn update_ids(&self, table: &str, column: &str, pairs: &[(i64, i64)]) -> Result<()> {
        match self.backend() {
            Backend::Sqlite => {
                // As in `insert_rows`: groups of pairs through one cached statement (each id
                // at most once in a group, or the group's result would depend on the join
                // order), the remainder one pair at a time.
                let update = |n: usize| {
                    format!(
                        "UPDATE {table} SET {column} = v.column2 FROM (VALUES {}) AS v WHERE {table}.id = v.column1",
                        vec!["(?,?)"; n].join(",")
                    )
                };
                let mut groups = pairs.chunks_exact(SQLITE_ROWS_PER_INSERT);
                if groups.len() > 0 {
                    let mut st = self.sqlite_statement(&update(SQLITE_ROWS_PER_INSERT))?;
                    for group in groups.by_ref() {
                        for (i, &(k, v)) in group.iter().enumerate() {
                            st.raw_bind_parameter(2 * i + 1, k)?;
                            st.raw_bind_parameter(2 * i + 2, v)?;
                        }
                        st.raw_execute()?;
                    }
                }
                let mut st = self.sqlite_statement(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?;
                for &(k, v) in groups.remainder() {
                    st.raw_bind_parameter(1, k)?;
                    st.raw_bind_parameter(2, v)?;
                    st.raw_execute()?;
                }
            }
            Backend::Postgres => {
                let sql = format!(
                    "UPDATE {table} AS t SET {column} = (e ->> 1)::bigint FROM json_array_elements(?1::json) AS e
                     WHERE t.id = (e ->> 0)::bigint"
                );
                for chunk in pairs.chunks(5000) {
                    self.execute(&sql, p![&serde_json::to_string(chunk)?])?;
                }
            }
        }
        Ok(())
    }

    /// Several statements without parameters (schema changes).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match &self.conn {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg(pg) => pg.borrow_mut().client.batch_execute(sql).map_err(pg_err),
        }
    }

    /// Starts a write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction
    /// holding the store's advisory lock, so writers take turns as in SQLite). Rolled back
    /// when dropped without [`Tx::commit`].
    pub fn write_tx(&self) -> Result<Tx<'_>> {
        if self.in_tx.get() {
            return Err(Error::Invalid("nested transaction".into()));
        }
        match self.backend() {
            Backend::Sqlite => self.batch("BEGIN IMMEDIATE")?,
            Backend::Postgres => {
                self.batch("BEGIN")?;
                if let Err(e) = self.execute("SELECT pg_advisory_xact_lock(7308462377690413157)", p![]) {
                    let _ = self.batch("ROLLBACK");
                    return Err(e);
                }
            }
        }
        self.in_tx.set(true);
        Ok(Tx { db: self, done: false })
    }

    /// Starts a read transaction: one consistent snapshot for several queries.
    pub fn read_tx(&self) -> Result<Tx<'_>> {
        if self.in_tx.get() {
            return Err(Error::Invalid("nested transaction".into()));
        }
        match self.backend() {
            Backend::Sqlite => self.batch("BEGIN DEFERRED")?,
            Backend::Postgres => self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?,
        }
        self.in_tx.set(true);
        Ok(Tx { db: self, done: false })
    }
}

/// An open transaction.
pub struct Tx<'a> {
    db: &'a Db,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.in_tx.set(false);
        self.db.batch("COMMIT")
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.db.in_tx.set(false);
            let _ = self.db.batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_translate() {
        assert_eq!(pg_sql("SELECT a FROM t WHERE b = ?1 AND c = ?12"), "SELECT a FROM t WHERE b = $1 AND c = $12");
    }

    #[test]
    fn rows_keep_their_order_filter_and_serialize_as_json_arrays() {
        let owned = String::from("owned");
        let mut rows = Rows::new(3);
        rows.push([1i64.into(), "a".into(), Field::Null]);
        rows.push([2i64.into(), owned.clone().into(), 7u32.into()]);
        rows.push([1i64.into(), (&owned).into(), true.into()]);
        assert_eq!(rows.len(), 3);
        rows.retain(|r| r[0] != Field::Int(1));
        assert_eq!(rows.len(), 1);
        assert_eq!(serde_json::to_string(&JsonRows(&rows.fields, rows.width)).unwrap(), r#"[[2,"owned",7]]"#);
        rows.retain(|_| false);
        assert!(rows.is_empty());
    }

    #[test]
    fn insert_rows_writes_every_row_and_checks_the_width() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a INTEGER, b TEXT)").unwrap();
        let mut rows = Rows::new(2);
        for i in 0..5i64 {
            rows.push([i.into(), Some(format!("r{i}")).into()]);
        }
        rows.push([9i64.into(), None::<&str>.into()]);
        db.insert_rows("t", &[("a", Col::Int), ("b", Col::Text)], &rows, "").unwrap();
        let n: i64 = db.query_value("SELECT count(*) FROM t WHERE b LIKE 'r%'", p![]).unwrap();
        assert_eq!(n, 5);
        let nulls: i64 = db.query_value("SELECT count(*) FROM t WHERE b IS NULL", p![]).unwrap();
        assert_eq!(nulls, 1);
        assert!(db.insert_rows("t", &[("a", Col::Int)], &rows, "").is_err());
    }

    #[test]
    fn insert_values_splits_at_the_parameter_limit_and_keeps_every_row() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a INTEGER, b TEXT)").unwrap();
        // 40,000 rows of 2 parameters: three statements (16,000 + 16,000 + 8,000 rows).
        let texts: Vec<String> = (0..40_000).map(|i| format!("row {i} \u{e9}\"'")).collect();
        let mut rows = Rows::new(2);
        for (i, t) in texts.iter().enumerate() {
            rows.push([(i as i64).into(), t.into()]);
        }
        rows.push([(-1i64).into(), None::<&str>.into()]);
        db.insert_values("t", &["a", "b"], &rows).unwrap();
        let n: i64 = db.query_value("SELECT count(*) FROM t", p![]).unwrap();
        assert_eq!(n, 40_001);
        let b: String = db.query_value("SELECT b FROM t WHERE a = 39999", p![]).unwrap();
        assert_eq!(b, texts[39_999]);
        assert!(db.insert_values("t", &["a"], &rows).is_err());
    }

    #[test]
    fn query_each_streams_the_rows_of_query_and_stops_on_error() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, NULL), (3, 'z');").unwrap();
        let mut seen = Vec::new();
        db.query_each("SELECT a, b FROM t ORDER BY a", p![], |mut r| {
            seen.push((r.get::<i64>(0)?, r.take_opt_text(1)?));
            Ok(())
        })
        .unwrap();
        let whole: Vec<(i64, Option<String>)> = db
            .query("SELECT a, b FROM t ORDER BY a", p![])
            .unwrap()
            .iter()
            .map(|r| (r.get(0).unwrap(), r.get(1).unwrap()))
            .collect();
        assert_eq!(seen, whole);
        let mut n = 0;
        let stopped = db.query_each("SELECT a FROM t ORDER BY a", p![], |r| {
            n += 1;
            if r.get::<i64>(0)? == 2 { Err(Error::Invalid("stop".into())) } else { Ok(()) }
        });
        assert!(stopped.is_err());
        assert_eq!(n, 2);
    }

    #[test]
    fn params_bind_on_sqlite() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (a INTEGER, b TEXT)").unwrap();
        let s = String::from("x'); DROP TABLE t; --");
        db.execute("INSERT INTO t (a, b) VALUES (?1, ?2)", p![7i64, &s]).unwrap();
        db.execute("INSERT INTO t (a, b) VALUES (?1, ?2)", p![None::<i64>, None::<&str>]).unwrap();
        let rows = db.query("SELECT a, b FROM t ORDER BY a NULLS FIRST", p![]).unwrap();
        assert_eq!(rows[0].get::<Option<i64>>(0).unwrap(), None);
        assert_eq!(rows[1].get::<String>(1).unwrap(), s);
        assert!(rows[1].get::<i64>(1).is_err());
    }

    #[test]
    fn insert_id_returns_the_new_rows_id() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.batch("CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT)").unwrap();
        assert_eq!(db.insert_id("INSERT INTO t (b) VALUES (?1)", p!["x"]).unwrap(), 1);
        db.execute("INSERT INTO t (id, b) VALUES (10, 'y')", p![]).unwrap();
        assert_eq!(db.insert_id("INSERT INTO t (b) VALUES (?1)", p!["z"]).unwrap(), 11);
        let b: String = db.query_value("SELECT b FROM t WHERE id = 11", p![]).unwrap();
        assert_eq!(b, "z");
    }
}
