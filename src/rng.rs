//! A small seeded pseudo-random generator (SplitMix64), for what must be reproducible: the
//! synthetic databases of benchmarks, the sampled sources of estimated betweenness, and
//! randomised tests. The same seed gives the same sequence on every machine.
//!
//! It is not for anything that needs unpredictability. This module is a leaf: it uses nothing
//! else in dyad.

/// SplitMix64: small, fast, and good enough for synthetic data and sampling.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`; equal seeds give equal sequences.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    ///
    /// # Panics
    ///
    /// When `n` is 0: there is no number below it to draw.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "Rng::below(0): nothing to draw from");
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A hub-heavy index in `0..n`: `n · u³`, so index 0 is drawn far more often than the last.
    pub fn hubby(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((n as f64) * u * u * u) as usize % n
    }
}
