//! Byte-level mutations of a seed, in the manner of libFuzzer's mutator but without coverage
//! feedback: a stack of one to eight edits drawn at random, with the target's own dictionary of
//! tokens and crossover with the other seeds.

use super::rng::Rng;

/// Values that sit on the edges of integer types and of the parsers' own limits.
const BYTES: [u8; 12] = [
    0, 1, 0x7f, 0x80, 0xff, b':', b'_', b'"', b'\n', b'0', b'9', b' ',
];
const WORDS: [u32; 12] = [
    0,
    1,
    15,
    16,
    17,
    255,
    256,
    0x3fff,
    0x4000,
    0x4001,
    0xffff,
    0xffff_ffff,
];

/// Applies one to eight random edits to `data`, keeping it within `max_len` bytes.
pub fn mutate(
    rng: &mut Rng,
    data: &mut Vec<u8>,
    corpus: &[Vec<u8>],
    dictionary: &[&[u8]],
    max_len: usize,
) {
    let most = 1 << rng.below(4);
    let edits = 1 + rng.below(most);
    for _ in 0..edits {
        edit(rng, data, corpus, dictionary, max_len);
        data.truncate(max_len);
    }
}

fn edit(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>], dictionary: &[&[u8]], max: usize) {
    if data.is_empty() {
        data.extend((0..rng.range(1, 16)).map(|_| rng.byte()));
        return;
    }
    let at = rng.below(data.len());
    match rng.below(15) {
        0 => data[at] ^= 1 << rng.below(8),
        1 => data[at] = rng.byte(),
        2 => data[at] = *rng.pick(&BYTES),
        3 => {
            let word = *rng.pick(&WORDS);
            let bytes = match rng.below(4) {
                0 => word.to_be_bytes().to_vec(),
                1 => word.to_le_bytes().to_vec(),
                2 => (word as u16).to_be_bytes().to_vec(),
                _ => (word as u16).to_le_bytes().to_vec(),
            };
            overwrite(data, at, &bytes);
        }
        4 => {
            data[at] = data[at]
                .wrapping_add(rng.range(1, 70) as u8)
                .wrapping_sub(35)
        }
        5 => {
            let bytes: Vec<u8> = (0..rng.range(1, 16)).map(|_| rng.byte()).collect();
            insert(data, at, &bytes);
        }
        6 => {
            let end = (at + 1 + rng.len(data.len() - at - 1)).min(data.len());
            data.drain(at..end);
        }
        7 => {
            let chunk = chunk(rng, data, at);
            let to = rng.below(data.len() + 1);
            insert(data, to, &chunk);
        }
        8 => {
            let chunk = chunk(rng, data, at);
            let to = rng.below(data.len());
            overwrite(data, to, &chunk);
        }
        9 => {
            if let Some(other) = (!corpus.is_empty()).then(|| rng.pick(corpus))
                && !other.is_empty()
            {
                let from = rng.below(other.len());
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
        }
        10 if !dictionary.is_empty() => {
            let token = *rng.pick(dictionary);
            insert(data, at, token);
        }
        11 if !dictionary.is_empty() => {
            let token = *rng.pick(dictionary);
            overwrite(data, at, token);
        }
        12 => data.truncate(at),
        13 => {
            // Long inputs: a chunk repeated up to the limit.
            let chunk = chunk(rng, data, at);
            let times = rng.len(max / chunk.len().max(1)).max(1);
            let repeated = chunk.repeat(times);
            insert(data, at, &repeated);
        }
        _ => number(rng, data, at),
    }
}

/// A run of bytes of `data` from `at`.
fn chunk(rng: &mut Rng, data: &[u8], at: usize) -> Vec<u8> {
    let len = 1 + rng.len(data.len() - at - 1);
    data[at..at + len].to_vec()
}

fn insert(data: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    data.splice(at..at, bytes.iter().copied());
}

fn overwrite(data: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    let end = (at + bytes.len()).min(data.len());
    data.splice(at..end, bytes.iter().copied());
}

/// Replaces the run of ASCII digits at or after `at` by another number, often an edge one.
fn number(rng: &mut Rng, data: &mut Vec<u8>, at: usize) {
    let Some(start) = data[at..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| at + p)
    else {
        return;
    };
    let end = data[start..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .map_or(data.len(), |p| start + p);
    let replacement = match rng.below(6) {
        0 => "0".to_owned(),
        1 => u64::MAX.to_string(),
        2 => "18446744073709551616".to_owned(),
        3 => format!("0{}", &String::from_utf8_lossy(&data[start..end])),
        4 => (rng.u64() >> rng.below(64)).to_string(),
        _ => i64::MAX.to_string(),
    };
    data.splice(start..end, replacement.into_bytes());
}

/// A character of `len` (1 to 4) UTF-8 bytes, to put where `len` ASCII bytes were: the byte count
/// stays the same, the character count does not. Parsers that check `len()` and then slice by byte
/// offsets fall on this.
pub fn wide_char(rng: &mut Rng, len: usize) -> char {
    match len {
        2 => *rng.pick(&['é', 'ß', 'Ω', '\u{a0}', '\u{300}']),
        3 => *rng.pick(&['€', '\u{2028}', '\u{feff}', '\u{3000}', '\u{fffd}']),
        4 => *rng.pick(&['😘', '\u{1f3d4}', '\u{10ffff}']),
        _ => *rng.pick(&['a', '#', '\0', '\u{7f}']),
    }
}
