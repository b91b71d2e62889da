//! Greedy arc-eager transition parser (Nivre 2003) with joint labeled transitions scored by
//! an averaged perceptron over the Zhang & Nivre (2011) rich non-local feature set.
//!
//! Every sentence yields a tree: a single `RIGHT-ARC(root)` from the artificial root is
//! allowed, and words left without a head when the buffer empties are attached to the root
//! word (or the first of them becomes the root).

use crate::error::ModelError;
use crate::hash::{mix, mix3};
use crate::io::{Reader, Writer};
use crate::perceptron::{DenseSmall, Weights, argmax_valid};

pub(crate) const NONE: u32 = u32::MAX;
pub(crate) const SHIFT: usize = 0;
pub(crate) const REDUCE: usize = 1;

/// Move types. The transition classifier scores `SHIFT`, `REDUCE`, and `LEFT`/`RIGHT` for
/// every label group; within a group of several labels a label classifier decides.
pub(crate) const LEFT: usize = 2;
pub(crate) const RIGHT: usize = 3;

/// Partition of the relation labels into groups predicted jointly with the move. `root` is
/// always a group of its own. All-singleton groups = fully joint labeled transitions.
#[derive(Debug, Clone)]
pub(crate) struct Groups {
    /// Label → group.
    pub of: Vec<u16>,
    pub n: usize,
    pub root_group: u16,
    /// Group → its label when the group has exactly one.
    single: Vec<Option<u16>>,
}

impl Groups {
    pub fn new(of: Vec<u16>, root: u16) -> Result<Self, ModelError> {
        let n = of.iter().map(|&g| usize::from(g) + 1).max().unwrap_or(0);
        let root_group = *of.get(usize::from(root)).ok_or_else(|| ModelError::Corrupt("no root label".into()))?;
        let mut count = vec![0usize; n];
        let mut single = vec![None; n];
        for (l, &g) in of.iter().enumerate() {
            count[usize::from(g)] += 1;
            single[usize::from(g)] = Some(l as u16);
        }
        if count.contains(&0) || count[usize::from(root_group)] != 1 {
            return Err(ModelError::Corrupt("bad label groups".into()));
        }
        for (g, c) in count.iter().enumerate() {
            if *c != 1 {
                single[g] = None;
            }
        }
        Ok(Self { of, n, root_group, single })
    }

    pub fn classes(&self) -> usize {
        2 + 2 * self.n
    }

    /// Move type and group of class `c`.
    pub fn decode(&self, c: usize) -> (usize, u16) {
        match c {
            0 | 1 => (c, 0),
            c if c < 2 + self.n => (LEFT, (c - 2) as u16),
            c => (RIGHT, (c - 2 - self.n) as u16),
        }
    }

    pub fn is_legal(&self, legal: Legal, c: usize) -> bool {
        match self.decode(c) {
            (SHIFT, _) => legal.shift,
            (REDUCE, _) => legal.reduce,
            (LEFT, g) => legal.left && g != self.root_group,
            (_, g) if g == self.root_group => legal.right_root,
            _ => legal.right,
        }
    }

    pub fn single(&self, g: u16) -> Option<u16> {
        self.single.get(usize::from(g)).copied().flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift,
    Reduce,
    Left(u16),
    Right(u16),
}

/// Parser configuration for one sentence of `n` words (indices `1..=n`, `0` = root).
pub(crate) struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b..=n`.
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u16>,
    nr: Vec<u16>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    pub in_stack: Vec<bool>,
    pub root_child: u32,
}

/// Which moves are currently legal.
#[derive(Clone, Copy)]
pub(crate) struct Legal {
    pub shift: bool,
    pub reduce: bool,
    pub left: bool,
    /// Right-arc with a non-root label.
    pub right: bool,
    /// Right-arc from the artificial root (label `root` only).
    pub right_root: bool,
}

impl State {
    pub fn new(n: usize) -> Self {
        let m = n + 1;
        let mut in_stack = vec![false; m];
        in_stack[0] = true;
        Self {
            n,
            stack: {
                let mut s = Vec::with_capacity(m);
                s.push(0);
                s
            },
            b: 1,
            head: vec![NONE; m],
            label: vec![0; m],
            lc1: vec![0; m],
            lc2: vec![0; m],
            rc1: vec![0; m],
            rc2: vec![0; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
            in_stack,
            root_child: 0,
        }
    }

    pub fn terminal(&self) -> bool {
        self.b > self.n
    }

    pub fn top(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    pub fn legal(&self) -> Legal {
        let s = self.top();
        let has_head = s != 0 && self.head[s as usize] != NONE;
        Legal {
            shift: true,
            reduce: has_head,
            left: s != 0 && !has_head,
            right: s != 0,
            right_root: s == 0 && self.root_child == 0,
        }
    }

    /// Whether move type `m` (`SHIFT`, `REDUCE`, `LEFT`, `RIGHT`) is legal.
    #[cfg(test)]
    pub fn is_legal(legal: Legal, m: usize) -> bool {
        match m {
            SHIFT => legal.shift,
            REDUCE => legal.reduce,
            LEFT => legal.left,
            _ => legal.right || legal.right_root,
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            self.lc2[hu] = self.lc1[hu];
            self.lc1[hu] = d;
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
        } else {
            self.rc2[hu] = self.rc1[hu];
            self.rc1[hu] = d;
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
        }
        if h == 0 {
            self.root_child = d;
        }
    }

    fn push(&mut self, x: u32) {
        self.stack.push(x);
        self.in_stack[x as usize] = true;
    }

    fn pop(&mut self) -> u32 {
        let x = self.stack.pop().unwrap_or(0);
        self.in_stack[x as usize] = false;
        x
    }

    pub fn apply(&mut self, m: Move) {
        let b = self.b as u32;
        match m {
            Move::Shift => {
                self.push(b);
                self.b += 1;
            }
            Move::Reduce => {
                self.pop();
            }
            Move::Left(l) => {
                let s = self.pop();
                self.add_arc(b, s, l);
            }
            Move::Right(l) => {
                let s = self.top();
                self.add_arc(s, b, l);
                self.push(b);
                self.b += 1;
            }
        }
    }

    /// Attaches words left without a head so that the result is a single-rooted tree.
    pub fn finish(&mut self, root: u16, fallback: impl Fn(u32) -> u16) {
        let r = if self.root_child != 0 {
            self.root_child
        } else {
            match (1..=self.n as u32).find(|&w| self.head[w as usize] == NONE) {
                Some(w) => {
                    self.head[w as usize] = 0;
                    self.label[w as usize] = root;
                    self.root_child = w;
                    w
                }
                None => return,
            }
        };
        for w in 1..=self.n as u32 {
            if w != r && self.head[w as usize] == NONE {
                self.head[w as usize] = r;
                self.label[w as usize] = fallback(w);
            }
        }
    }
}

/// Per-sentence token feature values (index 0 = root, `n + 1` = none).
pub(crate) struct Tokens {
    pub w: Vec<u64>,
    pub p: Vec<u64>,
    pub wp: Vec<u64>,
    /// Fine and coarse word clusters.
    pub cf: Vec<u64>,
    pub cc: Vec<u64>,
    /// Lemmas.
    pub lm: Vec<u64>,
    /// Optional feature groups (`FEAT_*` bits) of the parser model.
    pub extra: u8,
}

/// Optional parser feature group: word clusters of the stack and buffer words.
pub(crate) const FEAT_CLUSTERS: u8 = 1;
/// Optional parser feature group: lemmas of the stack and buffer words.
pub(crate) const FEAT_LEMMAS: u8 = 2;

fn with_sentinels(x: &[u64]) -> Vec<u64> {
    let mut v = Vec::with_capacity(x.len() + 2);
    v.push(0x7007);
    v.extend_from_slice(x);
    v.push(0x0e0e);
    v
}

impl Tokens {
    /// `cf`/`cc` (clusters) and `lm` (lemmas) may be empty or have one entry per word.
    pub fn new(words: &[u64], tags: &[u64], cf: &[u64], cc: &[u64], lm: &[u64], extra: u8) -> Self {
        let w = with_sentinels(words);
        let p = with_sentinels(tags);
        let wp = w.iter().zip(&p).map(|(&a, &b)| mix(90, a, b)).collect();
        let fill = |c: &[u64]| if c.len() == words.len() { with_sentinels(c) } else { vec![0; words.len() + 2] };
        Self { w, p, wp, cf: fill(cf), cc: fill(cc), lm: fill(lm), extra }
    }
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=5 => d as u64,
        6..=10 => 6,
        _ => 7,
    }
}

/// Extracts the feature hashes of a configuration.
pub(crate) fn features(st: &State, t: &Tokens, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let none = (n + 1) as u32;
    let opt = |x: u32| if x == 0 || x == NONE { none } else { x };
    let s0 = st.top();
    let n0 = if st.b <= n { st.b as u32 } else { none };
    let n1 = if st.b < n { st.b as u32 + 1 } else { none };
    let n2 = if st.b + 1 < n { st.b as u32 + 2 } else { none };
    let s1 = if st.stack.len() >= 2 { st.stack[st.stack.len() - 2] } else { none };
    let hd = |x: u32| -> u32 {
        if x == none || x == 0 {
            none
        } else {
            match st.head[x as usize] {
                NONE => none,
                h => h,
            }
        }
    };
    let child = |v: &Vec<u32>, x: u32| -> u32 { if x == none { none } else { opt(v[x as usize]) } };
    let s0h = hd(s0);
    let s0h2 = hd(s0h);
    let s0l = child(&st.lc1, s0);
    let s0l2 = child(&st.lc2, s0);
    let s0r = child(&st.rc1, s0);
    let s0r2 = child(&st.rc2, s0);
    let n0l = child(&st.lc1, n0);
    let n0l2 = child(&st.lc2, n0);
    let w = |x: u32| t.w[x as usize];
    let p = |x: u32| t.p[x as usize];
    let wp = |x: u32| t.wp[x as usize];
    let cf = |x: u32| t.cf[x as usize];
    let cc = |x: u32| t.cc[x as usize];
    let lab = |x: u32| -> u64 {
        if x == none || x == 0 || st.head[x as usize] == NONE { 0 } else { u64::from(st.label[x as usize]) + 1 }
    };
    let s0u = s0 as usize;
    let n0u = if n0 == none { 0 } else { n0 as usize };
    let d = if n0 == none { 0 } else { bucket((n0 - s0) as usize) };
    let vl_s0 = u64::from(st.nl[s0u].min(10));
    let vr_s0 = u64::from(st.nr[s0u].min(10));
    let vl_n0 = if n0 == none { 99 } else { u64::from(st.nl[n0u].min(10)) };
    let sl_s0 = st.lset[s0u];
    let sr_s0 = st.rset[s0u];
    let sl_n0 = if n0 == none { 1 << 63 } else { st.lset[n0u] };

    let (s0w, s0p, s0wp) = (w(s0), p(s0), wp(s0));
    let (n0w, n0p, n0wp) = (w(n0), p(n0), wp(n0));
    out.extend_from_slice(&[
        mix(77, 0, 0),
        mix(1, s0wp, 0),
        mix(2, s0w, 0),
        mix(3, s0p, 0),
        mix(4, n0wp, 0),
        mix(5, n0w, 0),
        mix(6, n0p, 0),
        mix(7, wp(n1), 0),
        mix(8, w(n1), 0),
        mix(9, p(n1), 0),
        mix(10, wp(n2), 0),
        mix(11, w(n2), 0),
        mix(12, p(n2), 0),
        mix(13, s0wp, n0wp),
        mix(14, s0wp, n0w),
        mix(15, s0w, n0wp),
        mix(16, s0wp, n0p),
        mix(17, s0p, n0wp),
        mix(18, s0w, n0w),
        mix(19, s0p, n0p),
        mix(20, n0p, p(n1)),
        mix3(21, n0p, p(n1), p(n2)),
        mix3(22, s0p, n0p, p(n1)),
        mix3(23, p(s0h), s0p, n0p),
        mix3(24, s0p, p(s0l), n0p),
        mix3(25, s0p, p(s0r), n0p),
        mix3(26, s0p, n0p, p(n0l)),
        mix(27, s0w, d),
        mix(28, s0p, d),
        mix(29, n0w, d),
        mix(30, n0p, d),
        mix3(31, s0w, n0w, d),
        mix3(32, s0p, n0p, d),
        mix(33, s0w, vr_s0),
        mix(34, s0p, vr_s0),
        mix(35, s0w, vl_s0),
        mix(36, s0p, vl_s0),
        mix(37, n0w, vl_n0),
        mix(38, n0p, vl_n0),
        mix(39, w(s0h), 0),
        mix(40, p(s0h), 0),
        mix(41, lab(s0), 0),
        mix(42, w(s0l), 0),
        mix(43, p(s0l), 0),
        mix(44, lab(s0l), 0),
        mix(45, w(s0r), 0),
        mix(46, p(s0r), 0),
        mix(47, lab(s0r), 0),
        mix(48, w(n0l), 0),
        mix(49, p(n0l), 0),
        mix(50, lab(n0l), 0),
        mix(51, w(s0h2), 0),
        mix(52, p(s0h2), 0),
        mix(53, lab(s0h), 0),
        mix(54, w(s0l2), 0),
        mix(55, p(s0l2), 0),
        mix(56, lab(s0l2), 0),
        mix(57, w(s0r2), 0),
        mix(58, p(s0r2), 0),
        mix(59, lab(s0r2), 0),
        mix(60, w(n0l2), 0),
        mix(61, p(n0l2), 0),
        mix(62, lab(n0l2), 0),
        mix3(63, s0p, p(s0l), p(s0l2)),
        mix3(64, s0p, p(s0r), p(s0r2)),
        mix3(65, s0p, p(s0h), p(s0h2)),
        mix3(66, n0p, p(n0l), p(n0l2)),
        mix(67, s0w, sr_s0),
        mix(68, s0p, sr_s0),
        mix(69, s0w, sl_s0),
        mix(70, s0p, sl_s0),
        mix(71, n0w, sl_n0),
        mix(72, n0p, sl_n0),
        mix(73, p(s1), 0),
        mix(74, w(s1), 0),
        mix3(75, p(s1), s0p, n0p),
        mix(76, wp(s1), 0),
        mix3(78, s0w, n0w, p(n1)),
        mix3(79, s0p, lab(s0), n0p),
    ]);
    if t.extra & FEAT_CLUSTERS == 0 {
        return lemma_features(t, s0, n0, s0h, out);
    }
    out.extend_from_slice(&[
        mix(80, cf(s0), 0),
        mix(81, cf(n0), 0),
        mix(82, cf(n1), 0),
        mix(83, cf(s0), cf(n0)),
        mix(84, cf(s0), n0p),
        mix(85, s0p, cf(n0)),
        mix3(86, cc(s0), cc(n0), cc(n1)),
        mix(87, cf(s0h), cf(s0)),
        mix3(88, cc(s1), cc(s0), cc(n0)),
        mix3(89, cf(n0), n0p, p(n1)),
        mix3(91, cc(s0), cc(n0), d),
    ]);
    lemma_features(t, s0, n0, s0h, out);
}

fn lemma_features(t: &Tokens, s0: u32, n0: u32, s0h: u32, out: &mut Vec<u64>) {
    if t.extra & FEAT_LEMMAS == 0 {
        return;
    }
    let lm = |x: u32| t.lm[x as usize];
    let n0p = t.p[n0 as usize];
    let s0p = t.p[s0 as usize];
    out.extend_from_slice(&[
        mix(92, lm(s0), 0),
        mix(93, lm(n0), 0),
        mix(94, lm(s0), lm(n0)),
        mix(95, lm(s0), n0p),
        mix(96, s0p, lm(n0)),
        mix(97, lm(s0h), lm(s0)),
    ]);
}

/// Features for labeling the arc `h -> d` (`d < h` for a left arc).
pub(crate) fn label_features(st: &State, t: &Tokens, h: u32, d: u32, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let none = (n + 1) as u32;
    let (hu, du) = (h as usize, d as usize);
    let w = |x: u32| t.w[x as usize];
    let p = |x: u32| t.p[x as usize];
    let near = |x: u32, k: i64| -> u32 {
        let y = i64::from(x) + k;
        if y < 1 || y > n as i64 { none } else { y as u32 }
    };
    let left = d < h;
    let dir = u64::from(left);
    let dist = bucket(if left { hu - du } else { du - hu });
    let (hw, hp, dw, dp) = (w(h), p(h), w(d), p(d));
    let hl = if h == 0 || st.head[hu] == NONE { 0 } else { u64::from(st.label[hu]) + 1 };
    let hh = if h == 0 || st.head[hu] == NONE { none } else { st.head[hu] };
    out.extend_from_slice(&[
        mix(200, dir, 0),
        mix(201, hw, dir),
        mix(202, hp, dir),
        mix(203, dw, dir),
        mix(204, dp, dir),
        mix3(205, hp, dp, dir),
        mix3(206, hw, dp, dir),
        mix3(207, hp, dw, dir),
        mix3(208, hw, dw, dir),
        mix3(209, hp, dp, dist + 8 * dir),
        mix3(210, dp, st.lset[du], st.rset[du]),
        mix3(211, dw, st.lset[du], st.rset[du]),
        mix3(212, hp, st.lset[hu], st.rset[hu]),
        mix3(213, hp, hl, dir),
        mix3(214, dp, p(near(d, -1)), p(near(d, 1))),
        mix3(215, hp, dp, p(near(d, 1))),
        mix3(216, hp, dp, p(near(d, -1))),
        mix3(217, hp, p(near(h, 1)), dp),
        mix3(218, dp, w(near(d, 1)), dir),
        mix3(219, dp, w(near(d, -1)), dir),
        mix3(220, hp, dp, p(hh)),
        mix3(221, dp, u64::from(st.nl[du].min(5)), u64::from(st.nr[du].min(5))),
        mix3(222, dw, hp, dist + 8 * dir),
        mix3(223, p(if st.lc1[du] == 0 { none } else { st.lc1[du] }), dp, dir),
        mix3(224, p(if st.rc1[du] == 0 { none } else { st.rc1[du] }), dp, hp),
        mix3(225, u64::from(d == 1), dp, dir),
        mix3(226, u64::from(d as usize == n), dp, hp),
    ]);
    if t.extra & FEAT_CLUSTERS != 0 {
        out.extend_from_slice(&[
            mix3(227, t.cf[hu], t.cf[du], dir),
            mix3(228, hp, t.cf[du], dir),
            mix3(229, t.cf[hu], dp, dir),
        ]);
    }
    if t.extra & FEAT_LEMMAS != 0 {
        out.extend_from_slice(&[mix3(230, t.lm[hu], t.lm[du], dir), mix3(231, t.lm[hu], dp, dir)]);
    }
}

/// The trained parser: a move classifier (moves × label groups) and a label classifier
/// within groups.
pub(crate) struct Parser {
    pub labels: Vec<Box<str>>,
    pub groups: Groups,
    pub moves: Weights,
    moves_dense: Option<DenseSmall>,
    pub labeler: Weights,
    pub root: u16,
    pub punct: u16,
    pub dep: u16,
    /// Optional feature groups (`FEAT_*` bits) the model was trained with.
    pub extra: u8,
}

impl Parser {
    pub fn from_parts(
        labels: Vec<Box<str>>,
        groups: Vec<u16>,
        moves: Weights,
        labeler: Weights,
        extra: u8,
    ) -> Result<Self, ModelError> {
        let find = |name: &str| labels.iter().position(|l| &**l == name).map(|i| i as u16);
        let root = find("root").ok_or_else(|| ModelError::Corrupt("parser has no root label".into()))?;
        let dep = find("dep").unwrap_or(root);
        let punct = find("punct").unwrap_or(dep);
        if groups.len() != labels.len() {
            return Err(ModelError::Corrupt("label groups do not match labels".into()));
        }
        let groups = Groups::new(groups, root)?;
        if moves.n_classes() != groups.classes() || labeler.n_classes() != labels.len() {
            return Err(ModelError::Corrupt("parser weights do not match its labels".into()));
        }
        let moves_dense = DenseSmall::new(&moves);
        if extra & !(FEAT_CLUSTERS | FEAT_LEMMAS) != 0 {
            return Err(ModelError::Corrupt(format!("unknown parser feature groups {extra}")));
        }
        Ok(Self { labels, groups, moves, moves_dense, labeler, root, punct, dep, extra })
    }

    /// Parses one sentence; `is_punct(w)` tells whether word `w` (1-based) is punctuation.
    pub fn parse(&self, toks: &Tokens, is_punct: impl Fn(u32) -> bool) -> State {
        let mut st = State::new(toks.w.len() - 2);
        let mut feats = Vec::with_capacity(96);
        let mut lfeats = Vec::with_capacity(32);
        let mut scores = vec![0i32; self.groups.classes()];
        let mut lscores = vec![0i32; self.labels.len()];
        while !st.terminal() {
            features(&st, toks, &mut feats);
            match &self.moves_dense {
                Some(d) => {
                    let sc = d.score(&feats);
                    for (o, x) in scores.iter_mut().zip(sc) {
                        *o = x;
                    }
                }
                None => {
                    scores.fill(0);
                    self.moves.score(&feats, &mut scores);
                }
            }
            let legal = st.legal();
            let best = argmax_valid(&scores, |c| self.groups.is_legal(legal, c)).unwrap_or(SHIFT);
            let mv = self.choose_label(&st, toks, best, &mut lfeats, &mut lscores);
            st.apply(mv);
        }
        let (punct, dep) = (self.punct, self.dep);
        st.finish(self.root, |w| if is_punct(w) { punct } else { dep });
        st
    }

    /// Turns a move class into a move, labeling arcs within the group with the label
    /// classifier.
    pub(crate) fn choose_label(
        &self,
        st: &State,
        toks: &Tokens,
        c: usize,
        lfeats: &mut Vec<u64>,
        lscores: &mut [i32],
    ) -> Move {
        let (s, b) = (st.top(), st.b as u32);
        let (m, g) = self.groups.decode(c);
        match m {
            SHIFT => Move::Shift,
            REDUCE => Move::Reduce,
            _ => {
                let l = match self.groups.single(g) {
                    Some(l) => l,
                    None => {
                        let (h, d) = if m == LEFT { (b, s) } else { (s, b) };
                        label_features(st, toks, h, d, lfeats);
                        lscores.fill(0);
                        self.labeler.score(lfeats, lscores);
                        argmax_valid(lscores, |l| self.groups.of.get(l) == Some(&g)).unwrap_or(0) as u16
                    }
                };
                if m == LEFT { Move::Left(l) } else { Move::Right(l) }
            }
        }
    }

    pub fn write(&self, w: &mut Writer) {
        w.var(self.labels.len() as u64);
        for (l, g) in self.labels.iter().zip(&self.groups.of) {
            w.str(l);
            w.var(u64::from(*g));
        }
        self.moves.write(w);
        self.labeler.write(w);
        if self.extra != 0 {
            w.u8(self.extra);
        }
    }

    pub fn read(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        let n = r.count()?;
        if n == 0 || n > 4096 {
            return Err(ModelError::Corrupt("bad parser label count".into()));
        }
        let mut labels = Vec::with_capacity(n);
        let mut groups = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?.into_boxed_str());
            let g = r.var()?;
            groups.push(u16::try_from(g).map_err(|_| ModelError::Corrupt("bad label group".into()))?);
        }
        let moves = Weights::read(r)?;
        let labeler = Weights::read(r)?;
        let extra = if r.is_empty() { 0 } else { r.u8()? };
        Self::from_parts(labels, groups, moves, labeler, extra)
    }
}

/// Gold tree of a training sentence, projectivized, with child lists.
pub(crate) struct Gold {
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    child_start: Vec<u32>,
    children: Vec<u32>,
}

impl Gold {
    /// `heads[i]`/`labels[i]` are for word `i + 1`; heads are 0 (root) or 1-based.
    pub fn new(heads: &[u32], labels: &[u16]) -> Self {
        let n = heads.len();
        let mut head = Vec::with_capacity(n + 1);
        head.push(NONE);
        head.extend_from_slice(heads);
        let mut label = Vec::with_capacity(n + 1);
        label.push(0);
        label.extend_from_slice(labels);
        projectivize(&mut head);
        let mut counts = vec![0u32; n + 2];
        for &h in &head[1..] {
            counts[h as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut children = vec![0u32; n];
        for (d, &h) in head.iter().enumerate().skip(1) {
            let h = h as usize;
            children[fill[h] as usize] = d as u32;
            fill[h] += 1;
        }
        Self { head, label, child_start: counts, children }
    }

    pub fn children(&self, h: u32) -> &[u32] {
        let h = h as usize;
        &self.children[self.child_start[h] as usize..self.child_start[h + 1] as usize]
    }
}

/// Whether `a` dominates `x` (walks up at most `n` steps).
fn dominates(head: &[u32], a: u32, mut x: u32) -> bool {
    for _ in 0..head.len() {
        if x == a {
            return true;
        }
        if x == 0 || x == NONE {
            return false;
        }
        x = head[x as usize];
    }
    false
}

/// Lifts non-projective arcs (shortest first) until the tree is projective.
pub(crate) fn projectivize(head: &mut [u32]) {
    let n = head.len().saturating_sub(1);
    for _ in 0..n * n + 1 {
        let mut worst: Option<(usize, u32)> = None;
        for d in 1..=n {
            let h = head[d];
            if h == 0 || h == NONE {
                continue;
            }
            let (lo, hi) = if (h as usize) < d { (h as usize, d) } else { (d, h as usize) };
            let nonproj = (lo + 1..hi).any(|k| !dominates(head, h, k as u32));
            if nonproj && worst.is_none_or(|(len, _)| hi - lo < len) {
                worst = Some((hi - lo, d as u32));
            }
        }
        match worst {
            Some((_, d)) => {
                let h = head[d as usize];
                head[d as usize] = head[h as usize];
            }
            None => return,
        }
    }
}

/// Unlabeled costs of the four move types in the arc-eager dynamic oracle
/// (Goldberg & Nivre 2012): gold arcs made unreachable by the move.
pub(crate) fn move_costs(st: &State, g: &Gold) -> [u32; 4] {
    let s = st.top();
    let b = st.b as u32;
    let headless = |k: u32| st.head[k as usize] == NONE;
    let head_reachable_in_stack = |h: u32| st.in_stack[h as usize] && (h != 0 || st.root_child == 0);
    let gb = g.head[b as usize];
    // SHIFT: b loses a head or dependents in the stack.
    let mut sh = u32::from(head_reachable_in_stack(gb));
    sh += g.children(b).iter().filter(|&&k| st.in_stack[k as usize] && headless(k)).count() as u32;
    // REDUCE: s loses its dependents in the buffer.
    let re = if s == 0 { u32::MAX } else { g.children(s).iter().filter(|&&k| k >= b).count() as u32 };
    // LEFT-ARC: s loses a head further in the buffer and its dependents in the buffer.
    let la = if s == 0 {
        u32::MAX
    } else {
        u32::from(g.head[s as usize] != NONE && g.head[s as usize] > b)
            + g.children(s).iter().filter(|&&k| k >= b).count() as u32
    };
    // RIGHT-ARC: b loses another head (stack or buffer) and its dependents in the stack.
    let ra = u32::from(gb != s && (gb > b || head_reachable_in_stack(gb)))
        + g.children(b).iter().filter(|&&k| st.in_stack[k as usize] && headless(k)).count() as u32;
    [sh, re, la, ra]
}

/// Costs of the four move types, `u32::MAX` for illegal ones.
#[cfg(test)]
pub(crate) fn legal_costs(st: &State, g: &Gold) -> [u32; 4] {
    let legal = st.legal();
    let mut c = move_costs(st, g);
    for (m, x) in c.iter_mut().enumerate() {
        if !State::is_legal(legal, m) {
            *x = u32::MAX;
        }
    }
    c
}

/// Cost of every move class, `u32::MAX` for illegal ones.
pub(crate) fn class_costs(st: &State, g: &Gold, groups: &Groups, out: &mut Vec<u32>) {
    out.clear();
    let legal = st.legal();
    let [sh, re, la, ra] = move_costs(st, g);
    let (s, b) = (st.top() as usize, st.b);
    for c in 0..groups.classes() {
        if !groups.is_legal(legal, c) {
            out.push(u32::MAX);
            continue;
        }
        let cost = match groups.decode(c) {
            (SHIFT, _) => sh,
            (REDUCE, _) => re,
            (LEFT, grp) => la + u32::from(g.head[s] == b as u32 && groups.of[usize::from(g.label[s])] != grp),
            (_, grp) => ra + u32::from(g.head[b] == s as u32 && groups.of[usize::from(g.label[b])] != grp),
        };
        out.push(cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifting_makes_trees_projective() {
        // 1 <- 3, 2 -> 4 crosses 1..3? words: heads (1-based) [3, 0, 2, 1]
        let mut head = vec![NONE, 3, 0, 2, 1];
        projectivize(&mut head);
        for d in 1..head.len() {
            let h = head[d] as usize;
            if h == 0 {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            assert!((lo + 1..hi).all(|k| dominates(&head, h as u32, k as u32)));
        }
    }

    #[test]
    fn static_oracle_path_has_zero_cost() {
        // "the cat sat ." : the<-cat, cat<-sat, sat<-root, .<-sat
        let heads = [2, 3, 0, 3];
        let labels = [1, 2, 0, 3];
        let g = Gold::new(&heads, &labels);
        let mut st = State::new(4);
        while !st.terminal() {
            let costs = legal_costs(&st, &g);
            let best = (0..4).min_by_key(|&c| costs[c]).expect("a move");
            assert_eq!(costs[best], 0);
            let (s, b) = (st.top(), st.b as u32);
            let mv = match best {
                SHIFT => Move::Shift,
                REDUCE => Move::Reduce,
                LEFT => Move::Left(g.label[s as usize]),
                _ => Move::Right(g.label[b as usize]),
            };
            st.apply(mv);
        }
        st.finish(0, |_| 3);
        assert_eq!(&st.head[1..], &heads);
        assert_eq!(&st.label[1..], &labels);
    }
}
