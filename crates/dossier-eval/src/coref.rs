//! Coreference scoring as `shared/tools/eval_coref.py`: MUC, B3, CEAF-e (Kuhn-Munkres under
//! phi4), the CoNLL average and exact-span mention detection, micro-averaged over documents,
//! on CoNLL-2012 bracket files. The reader, the cleaning (`--remove-singletons`) and the
//! assignment are ported step by step so the figures are the same to the last digit.

use std::collections::{BTreeMap, HashMap, HashSet};

/// A mention: token span `[start, end)` within its document.
pub type Span = (usize, usize);

/// One document's clusters, in the order of first appearance of their ids.
pub type Clusters = Vec<Vec<Span>>;

/// Documents by name (`NAME;PART` when the header gives a part), in file order.
#[derive(Debug, Clone, Default)]
pub struct CorefFile {
    pub docs: Vec<(String, Clusters)>,
}

/// Parses a CoNLL-2012-style bracket file like `read_conll` of the reference scorer: the last
/// column holds `(5`, `5)`, `(5)` parts joined by `|`; parts that are not exactly one of these
/// are ignored, as is a close without an open.
pub fn read_conll(input: &str) -> CorefFile {
    let mut out = CorefFile::default();
    let mut name: Option<String> = None;
    let mut pos = 0usize;
    let mut opened: HashMap<String, Vec<usize>> = HashMap::new();
    let mut clusters: Vec<(String, Vec<Span>)> = Vec::new();
    let mut anon = 0;
    for raw in input.lines() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(n) = begin_document(line) {
            let n = match n {
                (base, part) if base.is_empty() => {
                    anon += 1;
                    let b = format!("doc{anon}");
                    part.map_or(b.clone(), |p| format!("{b};{p}"))
                }
                (base, Some(p)) => format!("{base};{p}"),
                (base, None) => base,
            };
            name = Some(n);
            pos = 0;
            opened.clear();
            clusters.clear();
            continue;
        }
        if is_end_document(line) {
            if let Some(n) = name.take() {
                out.docs.push((n, std::mem::take(&mut clusters).into_iter().map(|(_, c)| c).collect()));
            }
            continue;
        }
        if name.is_none() || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some(col) = line.split_whitespace().last() else { continue };
        if col != "_" && col != "-" {
            for part in col.split('|') {
                let Some((op, cid, cl)) = bracket(part) else { continue };
                let push = |cid: &str, span: Span, clusters: &mut Vec<(String, Vec<Span>)>| match clusters
                    .iter_mut()
                    .find(|(c, _)| c == cid)
                {
                    Some((_, v)) => v.push(span),
                    None => clusters.push((cid.to_string(), vec![span])),
                };
                if op && cl {
                    push(cid, (pos, pos + 1), &mut clusters);
                } else if op {
                    opened.entry(cid.to_string()).or_default().push(pos);
                } else if cl && let Some(start) = opened.get_mut(cid).and_then(Vec::pop) {
                    push(cid, (start, pos + 1), &mut clusters);
                }
            }
        }
        pos += 1;
    }
    out
}

/// `^#\s*begin document\s*\(?([^)]*)\)?(?:;\s*part\s*(\d+))?` → (name, part).
fn begin_document(line: &str) -> Option<(String, Option<String>)> {
    let rest = line.strip_prefix('#')?.trim_start_matches(char::is_whitespace);
    let rest = rest.strip_prefix("begin document")?.trim_start_matches(char::is_whitespace);
    let rest = rest.strip_prefix('(').unwrap_or(rest);
    let end = rest.find(')').unwrap_or(rest.len());
    let name = rest[..end].trim().to_string();
    let after = &rest[end..];
    let after = after.strip_prefix(')').unwrap_or(after);
    let part = after.strip_prefix(';').and_then(|a| {
        let a = a.trim_start_matches(char::is_whitespace).strip_prefix("part")?;
        let a = a.trim_start_matches(char::is_whitespace);
        let digits: String = a.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then_some(digits)
    });
    Some((name, part))
}

fn is_end_document(line: &str) -> bool {
    line.strip_prefix('#').is_some_and(|r| r.trim_start_matches(char::is_whitespace).starts_with("end document"))
}

/// `^(\()?(\d+)(\))?$` → (open, id, close).
fn bracket(part: &str) -> Option<(bool, &str, bool)> {
    let (op, rest) = match part.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, part),
    };
    let (cl, digits) = match rest.strip_suffix(')') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    // Python's `\d` also matches non-ASCII digits; ids in practice are ASCII.
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some((op, digits, cl))
}

/// `clean` of the reference: a mention belongs to its first cluster; empty clusters and, with
/// `remove_singletons`, one-mention clusters are dropped.
pub fn clean(clusters: &Clusters, remove_singletons: bool) -> Clusters {
    let mut out = Vec::new();
    let mut seen: HashSet<Span> = HashSet::new();
    for c in clusters {
        let mut kept: Vec<Span> = Vec::new();
        let mut local: HashSet<Span> = HashSet::new();
        for &m in c {
            if local.insert(m) && !seen.contains(&m) {
                kept.push(m);
            }
        }
        seen.extend(kept.iter().copied());
        if !kept.is_empty() && (kept.len() > 1 || !remove_singletons) {
            out.push(kept);
        }
    }
    out
}

fn muc(key: &Clusters, resp: &Clusters) -> (f64, f64) {
    let where_: HashMap<Span, usize> =
        resp.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |&m| (m, i))).collect();
    let (mut num, mut den) = (0usize, 0usize);
    for c in key {
        let mut parts: HashSet<(Option<usize>, Span)> = HashSet::new();
        for &m in c {
            parts.insert(match where_.get(&m) {
                Some(&i) => (Some(i), (0, 0)),
                None => (None, m),
            });
        }
        num += c.len() - parts.len();
        den += c.len() - 1;
    }
    (num as f64, den as f64)
}

fn b3(key: &Clusters, resp: &Clusters) -> (f64, f64) {
    let where_: HashMap<Span, usize> =
        resp.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |&m| (m, i))).collect();
    let mut num = 0.0f64;
    let mut den = 0usize;
    for c in key {
        // Insertion order of the reference's defaultdict (first appearance in `c`).
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for m in c {
            if let Some(&i) = where_.get(m) {
                match counts.iter_mut().find(|(k, _)| *k == i) {
                    Some((_, v)) => *v += 1,
                    None => counts.push((i, 1)),
                }
            }
        }
        let s: usize = counts.iter().map(|&(_, v)| v * v).sum();
        num += s as f64 / c.len() as f64;
        den += c.len();
    }
    (num, den as f64)
}

/// Maximum-weight assignment, ported from `hungarian_max` (same operations, same order).
fn hungarian_max(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    let m = w.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return 0.0;
    }
    let size = n.max(m);
    let big = w.iter().map(|r| r.iter().copied().fold(f64::NEG_INFINITY, f64::max)).fold(f64::NEG_INFINITY, f64::max);
    let cost: Vec<Vec<f64>> =
        (0..size).map(|i| (0..size).map(|j| big - if i < n && j < m { w[i][j] } else { 0.0 }).collect()).collect();
    let inf = f64::INFINITY;
    let mut u = vec![0.0f64; size + 1];
    let mut v = vec![0.0f64; size + 1];
    let mut p = vec![0usize; size + 1];
    let mut way = vec![0usize; size + 1];
    for i in 1..=size {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![inf; size + 1];
        let mut used = vec![false; size + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0usize;
            for j in 1..=size {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=size {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut total = 0.0;
    for j in 1..=size {
        let i = p[j];
        if i != 0 && i <= n && j <= m {
            total += w[i - 1][j - 1];
        }
    }
    total
}

fn ceafe(key: &Clusters, resp: &Clusters) -> (f64, usize, usize) {
    if key.is_empty() || resp.is_empty() {
        return (0.0, key.len(), resp.len());
    }
    let rs: Vec<HashSet<Span>> = resp.iter().map(|c| c.iter().copied().collect()).collect();
    let w: Vec<Vec<f64>> = key
        .iter()
        .map(|c| {
            let k: HashSet<Span> = c.iter().copied().collect();
            rs.iter().map(|r| 2.0 * k.intersection(r).count() as f64 / (k.len() + r.len()) as f64).collect()
        })
        .collect();
    (hungarian_max(&w), key.len(), resp.len())
}

/// Precision, recall and F1 of one metric (the reference's JSON layout).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The CoNLL average.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct F1 {
    pub f1: f64,
}

/// All figures of `eval_coref.py --json`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct CorefScores {
    #[serde(rename = "MUC")]
    pub muc: Prf,
    #[serde(rename = "B3")]
    pub b3: Prf,
    #[serde(rename = "CEAF-e")]
    pub ceafe: Prf,
    pub mentions: Prf,
    #[serde(rename = "CoNLL")]
    pub conll: F1,
    pub documents: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

fn div(x: f64, y: f64) -> f64 {
    if y != 0.0 { x / y } else { 0.0 }
}

/// Scores `response` against `key`, summing counts over the key's documents (a key document
/// with no response counts with no response clusters).
pub fn score(key: &CorefFile, response: &CorefFile, remove_singletons: bool) -> CorefScores {
    let resp: HashMap<&str, &Clusters> = response.docs.iter().map(|(n, c)| (n.as_str(), c)).collect();
    let empty = Clusters::new();
    // Document names are unique keys in the reference (a later duplicate wins).
    let mut keys: BTreeMap<usize, (&str, &Clusters)> = BTreeMap::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, (n, c)) in key.docs.iter().enumerate() {
        match index.get(n.as_str()) {
            Some(&k) => {
                keys.insert(k, (n, c));
            }
            None => {
                index.insert(n, i);
                keys.insert(i, (n, c));
            }
        }
    }
    let mut acc = [0.0f64; 14];
    for (name, kc) in keys.values() {
        let k = clean(kc, remove_singletons);
        let r = clean(resp.get(name).copied().unwrap_or(&empty), remove_singletons);
        let (n, d) = muc(&k, &r);
        acc[0] += n;
        acc[1] += d;
        let (n, d) = muc(&r, &k);
        acc[2] += n;
        acc[3] += d;
        let (n, d) = b3(&k, &r);
        acc[4] += n;
        acc[5] += d;
        let (n, d) = b3(&r, &k);
        acc[6] += n;
        acc[7] += d;
        let (t, nk, nr) = ceafe(&k, &r);
        acc[8] += t;
        acc[9] += nk as f64;
        acc[10] += nr as f64;
        let km: HashSet<Span> = k.iter().flatten().copied().collect();
        let rm: HashSet<Span> = r.iter().flatten().copied().collect();
        acc[11] += km.intersection(&rm).count() as f64;
        acc[12] += km.len() as f64;
        acc[13] += rm.len() as f64;
    }
    let prf = |pn: f64, pd: f64, rn: f64, rd: f64| {
        let (p, r) = (div(pn, pd), div(rn, rd));
        Prf { precision: p, recall: r, f1: f1(p, r) }
    };
    let muc = prf(acc[2], acc[3], acc[0], acc[1]);
    let b3 = prf(acc[6], acc[7], acc[4], acc[5]);
    let ceafe = prf(acc[8], acc[10], acc[8], acc[9]);
    let mentions = prf(acc[11], acc[13], acc[11], acc[12]);
    CorefScores { muc, b3, ceafe, mentions, conll: F1 { f1: (muc.f1 + b3.f1 + ceafe.f1) / 3.0 }, documents: keys.len() }
}

/// Writes one document in the bracket format of the OntoGUM key: `# begin document (NAME);
/// part PART`, one `INDEX<TAB>WORD<TAB>COREF` line per word, `# end document`.
pub fn write_document(name: &str, part: &str, words: &[&str], clusters: &Clusters, out: &mut String) {
    use std::fmt::Write as _;
    let mut opens: Vec<Vec<(usize, usize)>> = vec![Vec::new(); words.len()]; // (cluster, end)
    let mut closes: Vec<Vec<(usize, usize)>> = vec![Vec::new(); words.len()]; // (cluster, start)
    for (cid, c) in clusters.iter().enumerate() {
        for &(s, e) in c {
            if s < e && e <= words.len() {
                opens[s].push((cid, e));
                closes[e - 1].push((cid, s));
            }
        }
    }
    let _ = writeln!(out, "# begin document ({name}); part {part}");
    for (i, w) in words.iter().enumerate() {
        let mut parts: Vec<String> = Vec::new();
        // Longer spans open first; one-word mentions are `(id)`.
        opens[i].sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(cid, e) in &opens[i] {
            parts.push(if e == i + 1 { format!("({cid})") } else { format!("({cid}") });
        }
        closes[i].sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for &(cid, s) in &closes[i] {
            if s != i {
                parts.push(format!("{cid})"));
            }
        }
        let col = if parts.is_empty() { "_".to_string() } else { parts.join("|") };
        let _ = writeln!(out, "{i}\t{w}\t{col}");
    }
    let _ = writeln!(out, "# end document");
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "# begin document (d); part 000\n0\tA\t(1)\n1\tsaw\t_\n2\tthe\t(2\n3\tman\t2)\n4\the\t(1)\n5\tleft\t_\n6\thim\t(2)\n# end document\n";

    #[test]
    fn reads_brackets_and_ignores_malformed_parts() {
        let f = read_conll(KEY);
        assert_eq!(f.docs.len(), 1);
        assert_eq!(f.docs[0].0, "d;000");
        assert_eq!(f.docs[0].1, vec![vec![(0, 1), (4, 5)], vec![(2, 4), (6, 7)]]);
        let bad = read_conll("# begin document (x); part 000\n0\ta\t(5(1)\n1\tb\t3)\n# end document\n");
        assert!(bad.docs[0].1.is_empty());
    }

    #[test]
    fn perfect_and_empty_responses() {
        let k = read_conll(KEY);
        let s = score(&k, &k, true);
        assert!((s.conll.f1 - 1.0).abs() < 1e-12);
        assert!((s.mentions.f1 - 1.0).abs() < 1e-12);
        let s = score(&k, &CorefFile::default(), true);
        assert_eq!(s.conll.f1, 0.0);
        assert_eq!(s.documents, 1);
    }

    #[test]
    fn written_response_reads_back() {
        let clusters = vec![vec![(0, 1), (4, 5)], vec![(2, 4), (2, 3), (6, 7)]];
        let mut out = String::new();
        write_document("d", "000", &["A", "saw", "the", "man", "he", "left", "him"], &clusters, &mut out);
        let back = read_conll(&out);
        let mut got = back.docs[0].1.clone();
        for c in &mut got {
            c.sort();
        }
        assert_eq!(got, vec![vec![(0, 1), (4, 5)], vec![(2, 3), (2, 4), (6, 7)]]);
    }

    #[test]
    fn partial_response_figures() {
        // Key {a,b,c}; response {a,b}: MUC R 1/2 P 1/1.
        let key = CorefFile { docs: vec![("d".into(), vec![vec![(0, 1), (1, 2), (2, 3)]])] };
        let resp = CorefFile { docs: vec![("d".into(), vec![vec![(0, 1), (1, 2)]])] };
        let s = score(&key, &resp, true);
        assert!((s.muc.recall - 0.5).abs() < 1e-12);
        assert!((s.muc.precision - 1.0).abs() < 1e-12);
        assert!((s.ceafe.f1 - 0.8).abs() < 1e-12);
    }
}
