//! Stable pseudonyms for the authors of imported contributions.
//!
//! A plan is public, and the people who write on a participation platform did not agree to
//! have their names copied into it. So by default an author is written as `author-` and 8
//! hexadecimal digits: the 64-bit FNV-1a hash of `id:` and their Decidim user id (or, in an
//! export without ids, of `name:` and their display name), passed through the 64-bit
//! finaliser of MurmurHash3 (`fmix64`), of which the pseudonym is the first 8 hex digits.
//! FNV-1a alone spreads its last bytes poorly, so that `id:7` and `id:8` would share most
//! digits; the finaliser makes every input bit change about half of the output bits. The
//! same person gets the same pseudonym in every import, so their contributions can be
//! counted together, and no name or address is stored.
//!
//! FNV-1a is not a cryptographic hash, and this is pseudonymisation, not anonymisation:
//! whoever has the export can compute the same pseudonyms. It is chosen because it is
//! small, fixed and documented (<http://www.isthe.com/chongo/tech/comp/fnv/>), so any tool
//! can reproduce a pseudonym.

/// FNV-1a, 64 bits.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// MurmurHash3's 64-bit finaliser: a bijection that mixes every bit into every other.
pub fn fmix64(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// `author-` and the first 8 hex digits of `fmix64(fnv1a64(key))`, where `key` is `id:1234`
/// or `name:…`.
pub fn pseudonym(key: &str) -> String {
    format!("author-{:08x}", fmix64(fnv1a64(key.as_bytes())) >> 32)
}

/// A group's pseudonym: `group-` and 8 hex digits of the same hash, of `group:` and the
/// group's nickname (or, where an export gives only its id, `group-id:` and the id).
pub fn group_pseudonym(key: &str) -> String {
    format!("group-{:08x}", fmix64(fnv1a64(key.as_bytes())) >> 32)
}

/// The fingerprint of a response as it was imported from the source's answer: 8 hex
/// digits of the same hash, of its status, reason (in the plan's first language) and date
/// joined by line breaks. A response whose fingerprint no longer matches was changed in the
/// plan since.
pub fn answer_fingerprint(status: &str, reason: &str, date: &str) -> String {
    let text = format!("{status}\n{reason}\n{date}");
    format!("{:08x}", fmix64(fnv1a64(text.as_bytes())) >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_pseudonym_is_stable_and_short() {
        assert_eq!(pseudonym("id:42"), pseudonym("id:42"));
        assert_ne!(pseudonym("id:42"), pseudonym("id:43"));
        assert_eq!(pseudonym("id:42").len(), "author-".len() + 8);
        // Ids one apart share no prefix.
        assert_ne!(pseudonym("id:7")[..8], pseudonym("id:8")[..8]);
        assert_eq!(pseudonym("id:7"), "author-177b998d");
    }
}
