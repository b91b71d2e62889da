//! The analysis pipeline: a [`Component`] trait every stage implements, a [`Registry`] of
//! named components, a declarative [`PipelineConfig`] (the list of component names), and an
//! ordered parallel runner ([`run_ordered`]) that keeps output deterministic whatever the
//! thread count and memory flat however many documents stream through.

use dossier_text::Doc;

/// A stage failed on one document.
#[derive(Debug, thiserror::Error)]
#[error("{component}: {message}")]
pub struct ComponentError {
    pub component: &'static str,
    pub message: String,
}

/// The pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown component {name:?}; available: {available}")]
    Unknown { name: String, available: String },
    #[error("component {component:?} needs {needs:?} earlier in the pipeline")]
    Order { component: String, needs: String },
    #[error("component {component:?} could not be built: {message}")]
    Build { component: String, message: String },
}

/// One analysis stage. Components read earlier layers of the [`Doc`] and add their own; they
/// must be deterministic and `Send + Sync` (one instance serves all threads).
pub trait Component: Send + Sync {
    /// The registry name (`segment`, `time`, ...).
    fn name(&self) -> &'static str;
    /// Annotates `doc` in place.
    fn process(&self, doc: &mut Doc) -> Result<(), ComponentError>;
}

/// Builds a component; may fail (a model that does not load).
pub type Factory = fn() -> Result<Box<dyn Component>, String>;

/// A registered component: its name, what must run before it, and how to build it.
#[derive(Clone, Copy)]
pub struct Entry {
    pub name: &'static str,
    pub requires: &'static [&'static str],
    pub describe: &'static str,
    pub factory: Factory,
}

/// The set of components a pipeline can be assembled from.
#[derive(Default, Clone)]
pub struct Registry {
    entries: Vec<Entry>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a component.
    pub fn register(&mut self, entry: Entry) {
        self.entries.retain(|e| e.name != entry.name);
        self.entries.push(entry);
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// Builds the pipeline a config describes, checking names and order.
    pub fn build(&self, config: &PipelineConfig) -> Result<Pipeline, ConfigError> {
        let mut components = Vec::with_capacity(config.components.len());
        for (i, name) in config.components.iter().enumerate() {
            let entry = self.get(name).ok_or_else(|| ConfigError::Unknown {
                name: name.clone(),
                available: self.entries.iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
            })?;
            for need in entry.requires {
                if !config.components[..i].iter().any(|c| c == need) {
                    return Err(ConfigError::Order { component: name.clone(), needs: (*need).to_string() });
                }
            }
            let component =
                (entry.factory)().map_err(|message| ConfigError::Build { component: name.clone(), message })?;
            components.push(component);
        }
        Ok(Pipeline { components })
    }
}

/// Which components run, in order. Parsed from a comma-separated list (`segment,time`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineConfig {
    pub components: Vec<String>,
}

impl PipelineConfig {
    pub fn new<S: Into<String>>(components: impl IntoIterator<Item = S>) -> Self {
        Self { components: components.into_iter().map(Into::into).collect() }
    }
}

impl std::str::FromStr for PipelineConfig {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self::new(s.split(',').map(str::trim).filter(|c| !c.is_empty())))
    }
}

/// An assembled pipeline.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// Runs every component over `doc`, in order.
    pub fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
        for c in &self.components {
            c.process(doc)?;
        }
        Ok(())
    }

    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }
}

/// Applies `work` to every item in parallel on `pool`, handing results to `sink` in input
/// order. Items are taken `batch` at a time, so at most one batch of inputs and outputs is
/// held in memory. `sink` returning an error stops the run.
pub fn run_ordered<I, T, R, E>(
    pool: &rayon::ThreadPool,
    items: I,
    batch: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = T>,
    T: Send,
    R: Send,
{
    use rayon::prelude::*;
    let batch = batch.max(1);
    let mut items = items.peekable();
    while items.peek().is_some() {
        let chunk: Vec<T> = items.by_ref().take(batch).collect();
        let results: Vec<R> = pool.install(|| chunk.into_par_iter().map(&work).collect());
        for r in results {
            sink(r)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_text::{DocMeta, Warning};

    struct Mark(&'static str);
    impl Component for Mark {
        fn name(&self) -> &'static str {
            self.0
        }
        fn process(&self, doc: &mut Doc) -> Result<(), ComponentError> {
            doc.warnings.push(Warning { kind: self.0.into(), message: String::new(), spans: vec![] });
            Ok(())
        }
    }

    fn registry() -> Registry {
        let mut r = Registry::new();
        r.register(Entry { name: "a", requires: &[], describe: "", factory: || Ok(Box::new(Mark("a"))) });
        r.register(Entry { name: "b", requires: &["a"], describe: "", factory: || Ok(Box::new(Mark("b"))) });
        r.register(Entry { name: "bad", requires: &[], describe: "", factory: || Err("no model".into()) });
        r
    }

    #[test]
    fn builds_and_runs_in_order() {
        let p = registry().build(&"a, b".parse().unwrap()).unwrap();
        let mut doc = Doc::new(DocMeta::default(), "x".into()).unwrap();
        p.process(&mut doc).unwrap();
        let kinds: Vec<_> = doc.warnings.iter().map(|w| w.kind.as_str()).collect();
        assert_eq!(kinds, ["a", "b"]);
        assert_eq!(p.component_names(), ["a", "b"]);
    }

    #[test]
    fn config_errors() {
        let r = registry();
        let e = r.build(&"b".parse().unwrap()).err().unwrap();
        assert_eq!(e.to_string(), "component \"b\" needs \"a\" earlier in the pipeline");
        let e = r.build(&"zz".parse().unwrap()).err().unwrap();
        assert_eq!(e.to_string(), "unknown component \"zz\"; available: a, b, bad");
        assert!(r.build(&"bad".parse().unwrap()).is_err());
    }

    #[test]
    fn ordered_runner_is_deterministic() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let mut seen = Vec::new();
        run_ordered::<_, _, _, ()>(
            &pool,
            0..1000u32,
            7,
            |x| x * 2,
            |r| {
                seen.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..1000).map(|x| x * 2).collect::<Vec<_>>());
    }
}
